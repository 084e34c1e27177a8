package fr.eterrain.local;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import fr.eterrain.core.aws.AwsClients;
import fr.eterrain.core.json.Json;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import javax.imageio.ImageIO;
import software.amazon.awssdk.services.s3.S3Client;

/** Steps of the content flow shared by the end-to-end tests: the API calls, and the uploads a browser would make. */
final class ContentSteps {
    private final TestStack stack;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    ContentSteps(TestStack stack) {
        this.stack = stack;
    }

    static String body(String title, String kind, String name, String contentType, byte[] bytes) {
        ObjectNode body = Json.object().put("title", title).put("kind", kind).put("description", "Pour les marchés de rentrée.")
                .put("credits", "Fédération des Alpes-Maritimes");
        body.putArray("tags").add("rentrée");
        body.putObject("rights").put("holder", "Fédération des Alpes-Maritimes").put("license", "own-work").put("confirmed", true);
        body.putObject("proposer").put("displayName", "Marie D.");
        body.putObject("file").put("name", name).put("contentType", contentType).put("size", bytes.length).put("sha256", sha256(bytes));
        return Json.write(body);
    }

    /** POST …/contents: the created content and its upload instructions. */
    JsonNode create(String fed, String key, String body) {
        HttpResponse<String> created = stack.post("/v1/federations/" + fed + "/contents", "application/json", body, TestStack.bearer(key));
        assertEquals(201, created.statusCode(), created.body());
        return Json.parse(created.body());
    }

    /** What a browser does with the presigned PUT: exactly the headers given, the bytes as body. */
    HttpResponse<String> put(String url, JsonNode headers, byte[] bytes) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(60))
                .PUT(HttpRequest.BodyPublishers.ofByteArray(bytes));
        headers.fields().forEachRemaining(h -> request.header(h.getKey(), h.getValue().asText()));
        return send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    HttpResponse<byte[]> download(String url) {
        return send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(60)).build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    JsonNode content(String fed, String key, String id) {
        HttpResponse<String> got = stack.get("/v1/federations/" + fed + "/contents/" + id, TestStack.bearer(key));
        assertEquals(200, got.statusCode(), got.body());
        return Json.parse(got.body());
    }

    /** Every object key under a prefix of the content bucket, straight from the store. */
    List<String> objects(String prefix) {
        try (S3Client s3 = new AwsClients(stack.settings()).s3()) {
            return s3.listObjectsV2Paginator(r -> r.bucket(stack.settings().contentBucket()).prefix(prefix)).contents().stream()
                    .map(o -> o.key()).toList();
        }
    }

    private <T> HttpResponse<T> send(HttpRequest request, HttpResponse.BodyHandler<T> handler) {
        try {
            return http.send(request, handler);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    static byte[] png(int width, int height) {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setColor(new Color(30, 90, 200));
        g.fillRect(0, 0, width, height / 2);
        g.dispose();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            ImageIO.write(image, "png", out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }
}
