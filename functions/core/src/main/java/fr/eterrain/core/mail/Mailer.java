package fr.eterrain.core.mail;

/** Sends one email; returns the provider's message id. Throws {@link MailException} when it could not. */
public interface Mailer {
    String send(EmailMessage message);

    class MailException extends RuntimeException {
        private final boolean retryable;

        public MailException(String message, boolean retryable, Throwable cause) {
            super(message, cause);
            this.retryable = retryable;
        }

        public boolean retryable() {
            return retryable;
        }
    }
}
