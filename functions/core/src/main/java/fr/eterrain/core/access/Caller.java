package fr.eterrain.core.access;

/** Who is calling, from a verified API key: a federation's key, or an HQ key acting for any federation. */
public record Caller(String keyId, String scope) {
    public static final String HQ = "HQ";

    public boolean isHq() {
        return HQ.equals(scope);
    }

    public String role() {
        return isHq() ? "hq" : "federation";
    }
}
