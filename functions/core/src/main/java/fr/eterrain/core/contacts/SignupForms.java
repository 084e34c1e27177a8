package fr.eterrain.core.contacts;

import fr.eterrain.core.federation.Federation;
import fr.eterrain.core.security.TokenCodec;
import java.time.Duration;

/**
 * Which HTML form posts a federation's signup route takes: those from the federation's declared website origins
 * (the registry's CORS origins), and those carrying the per-form token of the federation's signup-form snippet, so a
 * site that just pastes the snippet works before anyone declares its origin. A form built elsewhere, posting from
 * another origin without the snippet's token (a page making its visitors' browsers sign up addresses), is refused.
 * The token is not a secret: it marks the federation's own snippet, signed (TOKEN_KEYS) and bound to the
 * federation, valid ten years or until its signing key is retired.
 */
public final class SignupForms {
    /** The hidden field of the snippet. */
    public static final String FIELD = "formToken";
    static final String PURPOSE = "signup-form";
    static final Duration VALIDITY = Duration.ofDays(3650);

    private final TokenCodec tokens;

    public SignupForms(TokenCodec tokens) {
        this.tokens = tokens;
    }

    /** The token a federation's snippet carries. */
    public String token(String federationId) {
        return tokens.issue(PURPOSE, federationId, "form", null, VALIDITY);
    }

    /** @param origin the post's Origin header (null when absent); @param token the form's {@link #FIELD} value */
    public boolean accepts(Federation federation, String origin, String token) {
        if (federation.allowsOrigin(origin)) {
            return true;
        }
        return tokens.read(token, PURPOSE).map(t -> t.federation().equals(federation.id())).orElse(false);
    }
}
