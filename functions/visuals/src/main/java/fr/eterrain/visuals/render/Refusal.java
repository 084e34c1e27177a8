package fr.eterrain.visuals.render;

/**
 * A visual that cannot be made from what was asked, with the field to fix ({@code fields.text}, {@code format},
 * {@code fields.photo.data}…) and a message that says how. The handler turns it into a 4xx {@code {code, message,
 * field}}.
 */
public final class Refusal extends RuntimeException {
    private final int status;
    private final String code;
    private final String field;

    public Refusal(int status, String code, String message, String field) {
        super(message, null, false, false);
        this.status = status;
        this.code = code;
        this.field = field;
    }

    public static Refusal badRequest(String code, String message, String field) {
        return new Refusal(400, code, message, field);
    }

    public int status() {
        return status;
    }

    public String code() {
        return code;
    }

    public String field() {
        return field;
    }
}
