package fr.eterrain.core.aws.lite;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * A refusal from an AWS service: {@code code} is the short error name ({@code ConditionalCheckFailedException},
 * {@code TransactionCanceledException}, …), {@code body} its whole answer (a cancelled transaction's reasons).
 */
public final class AwsServiceException extends RuntimeException {
    private final String code;
    private final int status;
    private final transient JsonNode body;

    public AwsServiceException(String code, int status, String message, JsonNode body) {
        super(code + " (" + status + "): " + message);
        this.code = code;
        this.status = status;
        this.body = body;
    }

    public String code() {
        return code;
    }

    public int status() {
        return status;
    }

    public JsonNode body() {
        return body;
    }

    /** The service asks the caller to slow down. */
    public boolean throttling() {
        return status == 429 || code.contains("Throttling") || code.equals("TooManyRequestsException")
                || code.equals("ProvisionedThroughputExceededException") || code.equals("RequestLimitExceeded");
    }

    /** Worth another try: the service throttled or failed on its side. */
    boolean retryable() {
        return throttling() || status >= 500;
    }
}
