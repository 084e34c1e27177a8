package fr.eterrain.visuals;

import com.fasterxml.jackson.databind.JsonNode;
import fr.eterrain.core.content.ContentRef;
import fr.eterrain.core.http.ApiException;
import fr.eterrain.visuals.render.Format;
import fr.eterrain.visuals.render.Template;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A render or save body (validated against schemas/visual-render.json or visual-save.json) as the handler uses it:
 * the template, the format, text fields, and where each photo comes from.
 */
record VisualRequest(Template template, Format format, Map<String, String> texts, Map<String, PhotoSource> photos,
                     boolean preview) {

    /** A photo's bytes in the request, or a library content; and its focal point. */
    record PhotoSource(String field, byte[] data, ContentRef content, double focusX, double focusY) {
    }

    static VisualRequest from(JsonNode body) {
        Template template = Template.parse(body.path("template").asText())
                .orElseThrow(() -> ApiException.badRequest("unknown_template", "No such template.", "template"));
        Format format = Format.parse(body.path("format").asText())
                .orElseThrow(() -> ApiException.badRequest("unknown_format", "No such format.", "format"));
        Map<String, String> texts = new LinkedHashMap<>();
        Map<String, PhotoSource> photos = new LinkedHashMap<>();
        body.path("fields").properties().forEach(e -> {
            String name = e.getKey();
            JsonNode value = e.getValue();
            if (value.isTextual()) {
                texts.put(name, value.asText());
            } else {
                photos.put(name, photo("fields." + name, value));
            }
        });
        return new VisualRequest(template, format, texts, photos, body.path("preview").asBoolean(false));
    }

    private static PhotoSource photo(String field, JsonNode value) {
        double x = value.at("/focus/x").asDouble(0.5);
        double y = value.at("/focus/y").asDouble(0.5);
        if (value.has("content")) {
            JsonNode ref = value.get("content");
            return new PhotoSource(field, null, new ContentRef(ref.path("federation").asText(), ref.path("id").asText()), x, y);
        }
        String data = value.path("data").asText();
        // What a browser's FileReader.readAsDataURL gives: "data:image/jpeg;base64,…".
        if (data.startsWith("data:")) {
            int comma = data.indexOf(',');
            data = comma < 0 ? "" : data.substring(comma + 1);
        }
        try {
            return new PhotoSource(field, Base64.getDecoder().decode(data.replaceAll("\\s", "")), null, x, y);
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest("invalid_photo_data", "The photo's data is not valid base64.", field + ".data");
        }
    }
}
