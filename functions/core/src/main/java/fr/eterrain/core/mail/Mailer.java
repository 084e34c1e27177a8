package fr.eterrain.core.mail;

/** Sends one email; returns the provider's message id. Throws {@link MailException} when it could not. */
public interface Mailer {
    String send(EmailMessage message);

    /**
     * A mailer built on its first email: a function that holds one but never sends (signup, unsubscribe) then
     * never builds an SES client, nor needs the SES classes in its deployable.
     */
    static Mailer onFirstUse(java.util.function.Supplier<? extends Mailer> factory) {
        return new Mailer() {
            private volatile Mailer real;

            @Override
            public String send(EmailMessage message) {
                Mailer m = real;
                if (m == null) {
                    synchronized (this) {
                        m = real;
                        if (m == null) {
                            real = m = factory.get();
                        }
                    }
                }
                return m.send(message);
            }
        };
    }

    class MailException extends RuntimeException {
        private final boolean retryable;
        private final boolean ambiguous;

        public MailException(String message, boolean retryable, Throwable cause) {
            this(message, retryable, false, cause);
        }

        private MailException(String message, boolean retryable, boolean ambiguous, Throwable cause) {
            super(message, cause);
            this.retryable = retryable;
            this.ambiguous = ambiguous;
        }

        /** No answer came back (connection lost, timeout): the provider may have taken the message or not. */
        public static MailException ambiguous(String message, Throwable cause) {
            return new MailException(message, false, true, cause);
        }

        public boolean retryable() {
            return retryable;
        }

        /** Sending again could deliver it twice; only the provider's own record (SES's Send event) can tell. */
        public boolean ambiguous() {
            return ambiguous;
        }
    }
}
