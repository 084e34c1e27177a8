package fr.eterrain.visuals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import fr.eterrain.core.Platform;
import fr.eterrain.core.access.Access;
import fr.eterrain.core.access.Caller;
import fr.eterrain.core.config.Settings;
import fr.eterrain.core.content.Content;
import fr.eterrain.core.content.ContentKind;
import fr.eterrain.core.content.ContentLibrary;
import fr.eterrain.core.content.ContentLinks;
import fr.eterrain.core.content.ContentRef;
import fr.eterrain.core.content.ContentStatus;
import fr.eterrain.core.content.ContentSubmissions;
import fr.eterrain.core.content.ContentViews;
import fr.eterrain.core.content.NewContent;
import fr.eterrain.core.federation.Federation;
import fr.eterrain.core.http.ApiException;
import fr.eterrain.core.http.HttpFunction;
import fr.eterrain.core.http.HttpRequest;
import fr.eterrain.core.http.HttpResponse;
import fr.eterrain.core.json.Json;
import fr.eterrain.core.storage.ObjectStorage;
import fr.eterrain.core.validation.Schemas;
import fr.eterrain.visuals.render.BrandKit;
import fr.eterrain.visuals.render.Fonts;
import fr.eterrain.visuals.render.Photos;
import fr.eterrain.visuals.render.Png;
import fr.eterrain.visuals.render.Refusal;
import fr.eterrain.visuals.render.Rendered;
import fr.eterrain.visuals.render.Renderer;
import fr.eterrain.visuals.render.Visual;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Branded visuals: the catalogue of templates and formats, a PNG for the console's preview and download, and the
 * same PNG saved to the content library as a graphic (declared like any submission, its file put under the upload
 * key, where content-intake checks it). Drawing is {@code fr.eterrain.visuals.render}; this only parses, fetches
 * library photos, and shapes answers.
 */
public final class VisualsFunction extends HttpFunction {
    private static final String FED = "/v1/federations/{fed}";
    /** A photo in base64 (5 MiB → 6.7 MiB) and the rest of the body; API Gateway takes 10 MB. */
    static final int MAX_REQUEST_BYTES = 7_500_000;
    /** Library graphics may be as large as the library takes them. */
    static final int MAX_LIBRARY_PHOTO_BYTES = (int) ContentKind.GRAPHIC.maxBytes();
    static final double PREVIEW_SCALE = 0.5;

    static {
        // Before anything in this JVM touches Java2D's fonts (see Fonts), and at init rather than on the first render.
        Fonts.load();
    }

    private final Access access;
    private final ContentSubmissions submissions;
    private final ContentLibrary library;
    private final ObjectStorage storage;
    private final ContentViews views;

    public VisualsFunction() {
        this(Settings.fromEnvironment());
    }

    public VisualsFunction(Settings settings) {
        this(new Platform(settings));
    }

    VisualsFunction(Platform p) {
        this(p.access(), p.contentSubmissions(), p.contentLibrary(), p.contentStorage(), p.contentLinks());
    }

    VisualsFunction(Access access, ContentSubmissions submissions, ContentLibrary library, ObjectStorage storage,
                    ContentLinks links) {
        this.access = access;
        this.submissions = submissions;
        this.library = library;
        this.storage = storage;
        this.views = new ContentViews(links);
    }

    @Override
    protected int maxBodyBytes(HttpRequest request) {
        return request.method().equals("POST") ? MAX_REQUEST_BYTES : super.maxBodyBytes(request);
    }

    @Override
    protected HttpResponse handle(HttpRequest request) {
        Caller caller = access.authenticate(request);
        Federation federation = access.federation(request, caller);
        try {
            return switch (request.routeKey()) {
                case "GET " + FED + "/visuals/templates" -> HttpResponse.json(200, Catalogue.of(brand(federation)));
                case "POST " + FED + "/visuals/render" -> render(request, caller, federation);
                case "POST " + FED + "/visuals" -> save(request, caller, federation);
                default -> throw ApiException.notFound("No such route.");
            };
        } catch (Refusal r) {
            throw new ApiException(r.status(), r.code(), r.getMessage(), r.field());
        }
    }

    private HttpResponse render(HttpRequest request, Caller caller, Federation federation) {
        JsonNode body = request.jsonBody();
        Schemas.validate("visual-render", body);
        VisualRequest asked = VisualRequest.from(body);
        Drawn drawn = draw(asked, federation, asked.preview() ? PREVIEW_SCALE : 1);
        if (drawn.readLibrary()) {
            access.audit(federation, caller, request, null);
        }
        return HttpResponse.binary(200, "image/png", drawn.png())
                .withHeader("content-disposition", "inline; filename=\"" + fileName(asked) + "\"")
                .withHeader("x-visual-contrast", String.format(Locale.ROOT, "%.2f", drawn.rendered().minContrast()))
                .withHeader("x-visual-size", drawn.rendered().image().getWidth() + "x" + drawn.rendered().image().getHeight());
    }

    private HttpResponse save(HttpRequest request, Caller caller, Federation federation) {
        JsonNode body = request.jsonBody();
        Schemas.validate("visual-save", body);
        VisualRequest asked = VisualRequest.from(body);
        Drawn drawn = draw(asked, federation, 1);
        JsonNode meta = body.get("library");
        List<String> tags = new ArrayList<>();
        meta.path("tags").forEach(t -> tags.add(t.asText().trim()));
        JsonNode rights = meta.get("rights");
        String credits = Json.text(meta, "credits");
        NewContent declared = new NewContent(Json.text(meta, "title").trim(), ContentKind.GRAPHIC.wire(),
                blank(Json.text(meta, "description")), List.copyOf(tags),
                credits == null || credits.isBlank() ? federation.displayName() : credits.trim(),
                new Content.Rights(Json.text(rights, "holder").trim(), Json.text(rights, "license")),
                blank(Json.text(meta.path("proposer"), "displayName")), fileName(asked), "image/png", drawn.png().length,
                sha256(drawn.png()));
        ContentSubmissions.Created created = submissions.create(federation.id(), declared);
        // The intake checks this object like any upload: size, type, real type, SHA-256, then a thumbnail.
        storage.put(created.content().file().uploadKey(), drawn.png(), "image/png");
        access.audit(federation, caller, request, null);
        ObjectNode answer = Json.object();
        answer.set("content", views.owner(created.content(), List.of()));
        answer.putObject("visual").put("template", asked.template().id()).put("format", asked.format().id())
                .put("bytes", drawn.png().length)
                .put("contrast", Math.round(drawn.rendered().minContrast() * 100) / 100.0);
        return HttpResponse.json(201, answer)
                .withHeader("location", "/v1/federations/" + federation.id() + "/contents/" + created.content().id());
    }

    private record Drawn(Rendered rendered, byte[] png, boolean readLibrary) {
    }

    private Drawn draw(VisualRequest asked, Federation federation, double scale) {
        Map<String, Photos.Photo> photos = new LinkedHashMap<>();
        boolean readLibrary = false;
        for (Map.Entry<String, VisualRequest.PhotoSource> e : asked.photos().entrySet()) {
            VisualRequest.PhotoSource source = e.getValue();
            byte[] bytes = source.data();
            String field = source.field() + ".data";
            int max = Photos.MAX_BYTES;
            if (source.content() != null) {
                bytes = libraryPhoto(source, federation);
                field = source.field() + ".content";
                max = MAX_LIBRARY_PHOTO_BYTES;
                readLibrary = true;
            }
            photos.put(e.getKey(), new Photos.Photo(Photos.decode(bytes, field, max), source.focusX(), source.focusY()));
        }
        Visual visual = Visual.of(asked.template(), asked.format(), asked.texts(), photos);
        Rendered rendered = Renderer.render(visual, brand(federation), scale);
        return new Drawn(rendered, Png.encode(rendered), readLibrary);
    }

    /**
     * A graphic the caller may read: one of its federation's own contents whose file passed the intake (submitted or
     * approved), or any federation's approved one. Anything else is answered as not found.
     */
    private byte[] libraryPhoto(VisualRequest.PhotoSource source, Federation federation) {
        ContentRef ref = source.content();
        Optional<Content> found;
        if (ref.federation().equals(federation.id())) {
            found = Optional.of(submissions.require(federation.id(), ref.id()))
                    .filter(c -> c.status() == ContentStatus.SUBMITTED || c.status() == ContentStatus.APPROVED);
        } else {
            found = library.find(ref);
        }
        Content content = found.filter(Content::hasFile).orElseThrow(() -> new ApiException(404, "photo_not_found",
                "No graphic of the library with this id that this federation may use.", source.field() + ".content"));
        if (content.kind() != ContentKind.GRAPHIC) {
            throw new ApiException(415, "photo_not_an_image", "This library content is not a graphic.", source.field() + ".content");
        }
        try (InputStream in = storage.open(content.objectKey())) {
            return in.readNBytes(MAX_LIBRARY_PHOTO_BYTES + 1);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static BrandKit brand(Federation federation) {
        fr.eterrain.core.brand.Brand brand = federation.brand();
        return new BrandKit(brand.partyName(), federation.name(), fr.eterrain.visuals.render.Colors.hex(brand.primaryColor()),
                fr.eterrain.visuals.render.Colors.hex(brand.accentColor()), fr.eterrain.visuals.render.Colors.hex(brand.backgroundColor()),
                fr.eterrain.visuals.render.Colors.hex(brand.textColor()));
    }

    private static String fileName(VisualRequest asked) {
        return "visuel-" + asked.template().id() + "-" + asked.format().id() + ".png";
    }

    private static String blank(String value) {
        return value == null || value.isBlank() ? null : value.trim();
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
