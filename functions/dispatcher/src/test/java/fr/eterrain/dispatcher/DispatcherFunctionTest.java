package fr.eterrain.dispatcher;

import static org.junit.jupiter.api.Assertions.assertEquals;

import fr.eterrain.core.contacts.ContactStore;
import fr.eterrain.core.events.EventPublisher;
import fr.eterrain.core.json.Json;
import fr.eterrain.core.mail.Mailer;
import fr.eterrain.core.newsletters.ActiveSends;
import fr.eterrain.core.newsletters.Blackouts;
import fr.eterrain.core.newsletters.DispatchSettings;
import fr.eterrain.core.newsletters.Dispatcher;
import fr.eterrain.core.newsletters.NewsletterStore;
import fr.eterrain.core.newsletters.Reputation;
import fr.eterrain.core.newsletters.SendRateLimiter;
import fr.eterrain.core.testing.Fakes;
import java.lang.reflect.Proxy;
import java.time.Clock;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Events the dispatcher can never act on are settled without touching a table (a throw would be retried). */
class DispatcherFunctionTest {
    /** Stands for a store whose federation has no table: any call fails, as DynamoDB's ResourceNotFound would. */
    private static <T> T noTable(Class<T> type) {
        return type.cast(Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type}, (proxy, method, args) -> {
            if (method.getDeclaringClass() == Object.class) {
                return method.getName().equals("equals") ? proxy == args[0] : method.getName().equals("hashCode")
                        ? System.identityHashCode(proxy) : type.getSimpleName();
            }
            throw new IllegalStateException("no table: " + type.getSimpleName() + "." + method.getName());
        }));
    }

    private final DispatcherFunction function = new DispatcherFunction(new Dispatcher(noTable(NewsletterStore.class),
            noTable(ContactStore.class), new Fakes.Federations(), noTable(Mailer.class), null, noTable(SendRateLimiter.class),
            noTable(Blackouts.class), noTable(ActiveSends.class), noTable(Reputation.class), noTable(EventPublisher.class),
            Clock.systemUTC(), new DispatchSettings(14, Duration.ofMinutes(2), Duration.ofMinutes(10), Duration.ofMinutes(13))),
            noTable(ActiveSends.class), noTable(EventPublisher.class));

    @Test
    void aSendForAFederationWeDoNotHaveIsSkippedWithoutReadingAnything() {
        // "99" has the shape of a federation id (the schema's pattern) but is none of the 102.
        assertEquals("skipped", function.handleEvent(Json.parse("""
                {"id":"e1","detail-type":"NewsletterSendRequested","source":"eterrain.newsletters",
                 "detail":{"federation":"99","newsletterId":"n1"}}"""), "t").path("outcome").asText());
    }

    @Test
    void aMalformedSendIsDroppedWithTheReason() {
        assertEquals("invalid_pattern", function.handleEvent(Json.parse("""
                {"id":"e1","detail-type":"NewsletterDispatchContinue","source":"eterrain.newsletters",
                 "detail":{"federation":"zz","newsletterId":"n1"}}"""), "t").at("/error/code").asText());
    }
}
