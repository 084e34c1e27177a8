package fr.eterrain.core.newsletters;

/** Hands out SES sends under the account's rate, shared fairly among the federations sending at the same time. */
public interface SendRateLimiter {
    /** Waits until at least one send is allowed for this federation; returns how many may go now (1..wanted). */
    int acquire(String federation, int wanted) throws InterruptedException;
}
