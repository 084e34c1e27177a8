package fr.eterrain.core.contacts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import fr.eterrain.core.contacts.ContactService.ConfirmOutcome;
import fr.eterrain.core.contacts.ContactService.SignupOutcome;
import fr.eterrain.core.contacts.ContactService.WithdrawOutcome;
import fr.eterrain.core.contacts.ContactService.WithdrawScope;
import fr.eterrain.core.federation.Federation;
import fr.eterrain.core.http.ApiException;
import fr.eterrain.core.mail.EmailMessage;
import fr.eterrain.core.mail.Mailer;
import fr.eterrain.core.testing.TestCore;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class ContactServiceTest {
    private final TestCore core = new TestCore();
    private final Federation fed06 = core.federations.require("06");

    private SignupRequest request(String email, String firstName, boolean audience) {
        return new SignupRequest(email, firstName, "Durand", "06000", Category.SYMPATHISANT, audience,
                ConsentWordings.current(), "site-web", false);
    }

    private Contact onlyContact(String fed) {
        assertEquals(1, core.store.contacts.get(fed).size());
        return core.store.contacts.get(fed).values().iterator().next();
    }

    private String lastConfirmToken() {
        EmailMessage m = core.mailer.sent.get(core.mailer.sent.size() - 1);
        return TestCore.token(m.text(), "/v1/confirm");
    }

    @Test
    void signupCreatesAPendingContactAndSendsOneFrenchBrandedEmail() {
        assertEquals(SignupOutcome.ACCEPTED, core.service.signup(fed06, request("Marie@Exemple.fr", "Marie", true), "1.2.3.4", "UA"));
        Contact c = onlyContact("06");
        assertEquals(ContactStatus.PENDING, c.getStatus());
        assertEquals("marie@exemple.fr", c.getEmail());
        assertFalse(c.isNewsletterConsent(), "no consent before confirmation");
        EmailMessage mail = core.mailer.sent.get(0);
        assertEquals("marie@exemple.fr", mail.to());
        assertTrue(mail.subject().startsWith("Confirmez votre inscription"));
        assertTrue(mail.html().contains(TestCore.BASE_URL + "/v1/confirm?t="));
        assertTrue(mail.html().contains("responsable de traitement"), "legal footer");
        assertTrue(mail.from().contains("federation-06@e-terrain.test"));
    }

    @Test
    void confirmationActivatesAndLogsTheProof() {
        core.service.signup(fed06, request("marie@exemple.fr", "Marie", true), "1.2.3.4", "UA-signup");
        core.clock.advance(Duration.ofMinutes(3));
        var result = core.service.confirm(lastConfirmToken(), "5.6.7.8", "UA-confirm");
        assertEquals(ConfirmOutcome.CONFIRMED, result.outcome());
        Contact c = onlyContact("06");
        assertEquals(ContactStatus.ACTIVE, c.getStatus());
        assertTrue(c.isNewsletterConsent());
        assertTrue(c.isAudienceConsent());
        ConsentEvent proof = core.store.consentLog("06", c.getId()).get(0);
        assertEquals(ConsentEvent.CONFIRMED, proof.getType());
        assertEquals(ConsentWordings.current(), proof.getWordingVersion());
        assertEquals("site-web", proof.getSource());
        assertEquals(core.clock.instant().minus(Duration.ofMinutes(3)), proof.getSignupAt());
        assertEquals(core.clock.instant(), proof.getConfirmedAt());
        assertEquals(core.hash.of("ip", "1.2.3.4"), proof.getSignupIpHash());
        assertEquals(core.hash.of("user-agent", "UA-confirm"), proof.getActionUserAgentHash());
        assertFalse(proof.getSignupIpHash().contains("1.2.3.4"));
    }

    @Test
    void aConfirmedContactIsWelcomedWithOneClickUnsubscribeHeaders() {
        core.service.signup(fed06, request("marie@exemple.fr", "Marie", true), "1.2.3.4", "UA");
        core.service.confirm(lastConfirmToken(), null, null);
        EmailMessage welcome = core.mailer.sent.get(1);
        String id = onlyContact("06").getId();
        String unsubscribe = welcome.headers().get("List-Unsubscribe");
        assertTrue(unsubscribe.startsWith("<" + TestCore.BASE_URL + "/v1/unsubscribe?t=") && unsubscribe.endsWith(">"));
        assertEquals("List-Unsubscribe=One-Click", welcome.headers().get("List-Unsubscribe-Post"));
        assertTrue(welcome.headers().get("List-Id").contains("federation-06.lists.e-terrain.test"));
        String token = TestCore.token(unsubscribe, "/v1/unsubscribe");
        assertEquals(id, core.tokens.read(token, Links.UNSUBSCRIBE).orElseThrow().contact());
        assertTrue(welcome.html().contains("scope=audience"), "a way to withdraw audience measurement");
    }

    @Test
    void confirmingTwiceIsHarmless() {
        core.service.signup(fed06, request("marie@exemple.fr", "Marie", false), "1.2.3.4", "UA");
        String token = lastConfirmToken();
        core.service.confirm(token, null, null);
        assertEquals(ConfirmOutcome.ALREADY_CONFIRMED, core.service.confirm(token, null, null).outcome());
        assertEquals(1, core.store.consentLog("06", onlyContact("06").getId()).size());
    }

    @Test
    void aSecondSignupWithinTenMinutesIsAcceptedSilentlySendsNothingAndChangesNothing() {
        core.service.signup(fed06, request("marie@exemple.fr", "Marie", false), "1.2.3.4", "UA");
        long version = onlyContact("06").getVersion();
        core.clock.advance(Duration.ofMinutes(9));
        assertEquals(SignupOutcome.ACCEPTED, core.service.signup(fed06, request("marie@exemple.fr", "Autre", false), "9.9.9.9", "UA"),
                "the per-address throttle is silent: a 429 would tell that someone just signed this address up");
        assertEquals(1, core.mailer.sent.size());
        assertEquals(version, onlyContact("06").getVersion());
        assertEquals("Marie", onlyContact("06").getFirstName());
        core.clock.advance(Duration.ofMinutes(2));
        core.service.signup(fed06, request("marie@exemple.fr", "Marie", false), "9.9.9.9", "UA");
        assertEquals(2, core.mailer.sent.size());
    }

    @Test
    void onlyTheNewestConfirmationLinkCounts() {
        core.service.signup(fed06, request("marie@exemple.fr", "Marie", false), "1.2.3.4", "UA");
        String first = lastConfirmToken();
        core.clock.advance(Duration.ofMinutes(11));
        core.service.signup(fed06, request("marie@exemple.fr", "Marie", true), "1.2.3.4", "UA");
        assertEquals(ConfirmOutcome.SUPERSEDED, core.service.confirm(first, null, null).outcome());
        assertEquals(ConfirmOutcome.CONFIRMED, core.service.confirm(lastConfirmToken(), null, null).outcome());
        assertTrue(onlyContact("06").isAudienceConsent());
    }

    @Test
    void someoneElseCannotChangeAnActiveContactWithoutItsOwnerConfirming() {
        core.service.signup(fed06, request("marie@exemple.fr", "Marie", true), "1.2.3.4", "UA");
        core.service.confirm(lastConfirmToken(), null, null);
        core.clock.advance(Duration.ofMinutes(11));
        core.service.signup(fed06, new SignupRequest("marie@exemple.fr", "Intrus", null, null, Category.MILITANT, false,
                ConsentWordings.current(), null, false), "6.6.6.6", "UA");
        Contact c = onlyContact("06");
        assertEquals("Marie", c.getFirstName());
        assertEquals(Category.SYMPATHISANT, c.getCategory());
        assertTrue(c.isAudienceConsent());
        assertEquals(ContactStatus.ACTIVE, c.getStatus());
    }

    @Test
    void theHoneypotAndSuppressedAddressesAreSilentlyIgnored() {
        SignupRequest bot = new SignupRequest("bot@exemple.fr", null, null, null, Category.CURIEUX, false,
                ConsentWordings.current(), null, true);
        assertEquals(SignupOutcome.IGNORED_HONEYPOT, core.service.signup(fed06, bot, "1.2.3.4", "UA"));
        core.store.suppress("06", core.hash.email("gone@exemple.fr"), "erased", core.clock.instant());
        assertEquals(SignupOutcome.ACCEPTED, core.service.signup(fed06, request("gone@exemple.fr", null, false), "1.2.3.4", "UA"));
        assertTrue(core.mailer.sent.isEmpty());
        assertNull(core.store.contacts.get("06"));
    }

    @Test
    void oneNetworkCannotFloodSignups() {
        for (int i = 0; i < 5; i++) {
            core.service.signup(fed06, request("p" + i + "@exemple.fr", null, false), "1.2.3.4", "UA");
        }
        ApiException e = assertThrows(ApiException.class,
                () -> core.service.signup(fed06, request("p9@exemple.fr", null, false), "1.2.3.4", "UA"));
        assertEquals(429, e.status());
        assertEquals(5, core.store.contacts.get("06").size());
        core.service.signup(fed06, request("p9@exemple.fr", null, false), "5.5.5.5", "UA");
    }

    @Test
    void aFailedEmailIsRetriedLaterAndGivesItsThrottleClaimBack() {
        core.bus.deliver = false;
        assertEquals(SignupOutcome.ACCEPTED, core.service.signup(fed06, request("marie@exemple.fr", null, false), "1.2.3.4", "UA"));
        var event = core.bus.held.get(0);
        core.mailer.failWith = new Mailer.MailException("down", true, null);
        assertThrows(Mailer.MailException.class, () -> core.bus.deliverHeld(), "thrown, so that Lambda retries the event");
        assertEquals(1, core.signups.requests.size(), "the request waits for the retry");
        core.mailer.failWith = null;
        core.bus.held.add(event);
        assertEquals(java.util.List.of(ContactService.ProcessOutcome.EMAIL_SENT), core.bus.deliverHeld());
        assertEquals(1, core.mailer.sent.size());
        assertTrue(core.signups.requests.isEmpty(), "handled requests are deleted");
        core.bus.held.add(event);
        assertEquals(java.util.List.of(ContactService.ProcessOutcome.ALREADY_HANDLED), core.bus.deliverHeld(), "a redelivery");
        assertEquals(1, core.mailer.sent.size());
    }

    @Test
    void forgedOrExpiredConfirmationLinksChangeNothing() {
        core.service.signup(fed06, request("marie@exemple.fr", null, false), "1.2.3.4", "UA");
        String token = lastConfirmToken();
        String forged = token.substring(0, token.length() - 2) + (token.endsWith("AA") ? "BB" : "AA");
        assertEquals(ConfirmOutcome.INVALID, core.service.confirm(forged, null, null).outcome());
        assertEquals(ConfirmOutcome.INVALID, core.service.confirm(null, null, null).outcome());
        core.clock.advance(Links.CONFIRM_VALIDITY.plusSeconds(1));
        assertEquals(ConfirmOutcome.EXPIRED, core.service.confirm(token, null, null).outcome());
        assertEquals(ContactStatus.PENDING, onlyContact("06").getStatus());
    }

    @Test
    void oneClickUnsubscribeIsImmediateIdempotentAndLogged() {
        core.service.signup(fed06, request("marie@exemple.fr", null, true), "1.2.3.4", "UA");
        core.service.confirm(lastConfirmToken(), null, null);
        String id = onlyContact("06").getId();
        String token = TestCore.token(core.links.unsubscribe("06", id), "/v1/unsubscribe");
        assertEquals(WithdrawOutcome.WITHDRAWN, core.service.withdraw(token, WithdrawScope.NEWSLETTER, "1.1.1.1", "UA", "one-click").outcome());
        assertEquals(WithdrawOutcome.ALREADY_WITHDRAWN, core.service.withdraw(token, WithdrawScope.NEWSLETTER, "1.1.1.1", "UA", "one-click").outcome());
        Contact c = onlyContact("06");
        assertEquals(ContactStatus.UNSUBSCRIBED, c.getStatus());
        assertFalse(c.isNewsletterConsent());
        assertFalse(c.isAudienceConsent());
        var log = core.store.consentLog("06", id);
        assertEquals(2, log.size());
        assertEquals(ConsentEvent.NEWSLETTER_WITHDRAWN, log.get(1).getType());
    }

    @Test
    void audienceMeasurementCanBeWithdrawnAlone() {
        core.service.signup(fed06, request("marie@exemple.fr", null, true), "1.2.3.4", "UA");
        core.service.confirm(lastConfirmToken(), null, null);
        String id = onlyContact("06").getId();
        String token = TestCore.token(core.links.withdrawAudienceMeasurement("06", id), "/v1/unsubscribe");
        assertEquals(WithdrawOutcome.WITHDRAWN, core.service.withdraw(token, WithdrawScope.AUDIENCE_MEASUREMENT, null, null, "page").outcome());
        Contact c = onlyContact("06");
        assertTrue(c.isSubscribed());
        assertFalse(c.isAudienceConsent());
        assertEquals(ConsentEvent.AUDIENCE_WITHDRAWN, core.store.consentLog("06", id).get(1).getType());
    }

    @Test
    void aConfirmationTokenIsNotAnUnsubscribeToken() {
        core.service.signup(fed06, request("marie@exemple.fr", null, true), "1.2.3.4", "UA");
        assertEquals(WithdrawOutcome.INVALID, core.service.withdraw(lastConfirmToken(), WithdrawScope.NEWSLETTER, null, null, "x").outcome());
        assertNotNull(onlyContact("06").getPending());
    }

    @Test
    void theConfirmationEmailEchoesNoUnconfirmedFreeTextAndNamesTheFederationOnceInItsSignature() {
        core.service.signup(fed06, request("marie@exemple.fr", "Mariejoelle", false), "1.2.3.4", "UA");
        EmailMessage mail = core.mailer.sent.get(0);
        assertFalse(mail.html().contains("Mariejoelle"), "no name typed by whoever filled the form");
        assertFalse(mail.text().contains("Mariejoelle"));
        assertTrue(mail.text().startsWith("Bonjour,"));
        assertFalse(mail.text().contains(fed06.displayName() + "\n" + fed06.displayName()), mail.text());
        assertFalse(mail.text().contains(fed06.displayName() + " — " + fed06.displayName()), mail.text());
    }

    @Test
    void namesRefuseUrlsMarkupControlCharactersAndLineBreaks() {
        for (String bad : new String[] {"https://phish.example", "www.exemple.fr", "carte.exemple.fr", "<b>Marie</b>",
                "[Votre carte](x)", "Marie\nDurand", "Marie\r", "Ma\u0000rie", "{{firstName}}", "Marie\u2028", "Marie_x", "a@b"}) {
            ApiException first = assertThrows(ApiException.class,
                    () -> core.service.signup(fed06, request("x@exemple.fr", bad, false), "1.2.3.4", "UA"), bad);
            assertEquals(400, first.status(), bad);
            assertEquals("firstName", first.field(), bad);
            ApiException last = assertThrows(ApiException.class, () -> core.service.signup(fed06,
                    new SignupRequest("x@exemple.fr", null, bad, null, Category.CURIEUX, false, ConsentWordings.current(), null, false),
                    "1.2.3.4", "UA"), bad);
            assertEquals("lastName", last.field(), bad);
        }
        assertTrue(core.mailer.sent.isEmpty());
        assertNull(core.store.contacts.get("06"));
        int i = 0;
        for (String good : new String[] {"Marie", "Jean-Pierre", "D'Artagnan", "N’Diaye", "Zoë", "Anne Marie", "J. R.", "Ōtsuka", "Louis 14"}) {
            core.service.signup(fed06, request("ok" + i + "@exemple.fr", good, false), "10.0.0." + i++, "UA");
        }
        assertEquals(9, core.store.contacts.get("06").size());
    }

    @Test
    void aFederationCannotCorrectANameIntoMarkup() {
        core.service.signup(fed06, request("marie@exemple.fr", "Marie", false), "1.2.3.4", "UA");
        String id = onlyContact("06").getId();
        ApiException e = assertThrows(ApiException.class,
                () -> core.admin.patch("06", id, fr.eterrain.core.json.Json.parse("{\"lastName\":\"<script>x</script>\"}")));
        assertEquals(400, e.status());
        assertEquals("lastName", e.field());
        assertEquals("Durand", onlyContact("06").getLastName());
        core.admin.patch("06", id, fr.eterrain.core.json.Json.parse("{\"firstName\":\"Marie-Hélène\"}"));
        assertEquals("Marie-Hélène", onlyContact("06").getFirstName());
    }

    // --- confirmation only by the person's explicit act (GET shows a page, POST confirms) --------------------

    @Test
    void followingTheLinkChangesNothingOnlyThePostConfirmsAndTheProofIsThePosts() {
        core.service.signup(fed06, request("marie@exemple.fr", "Marie", true), "1.2.3.4", "UA-signup");
        String token = lastConfirmToken();
        var seen = core.service.checkConfirmation(token);
        assertEquals(ConfirmOutcome.AWAITING, seen.outcome(), "a link scanner's GET only sees the page");
        assertEquals(ContactService.ConfirmKind.SIGNUP, seen.kind());
        Contact c = onlyContact("06");
        assertEquals(ContactStatus.PENDING, c.getStatus());
        assertTrue(core.store.consentLog("06", c.getId()).isEmpty());
        assertEquals(1, core.mailer.sent.size(), "no welcome email for a GET");

        core.clock.advance(Duration.ofMinutes(2));
        assertEquals(ConfirmOutcome.CONFIRMED, core.service.confirm(token, "5.6.7.8", "UA-person").outcome());
        ConsentEvent proof = core.store.consentLog("06", c.getId()).get(0);
        assertEquals(core.hash.of("ip", "5.6.7.8"), proof.getActionIpHash());
        assertEquals(core.hash.of("user-agent", "UA-person"), proof.getActionUserAgentHash());
        assertEquals(ConfirmOutcome.ALREADY_CONFIRMED, core.service.checkConfirmation(token).outcome());
    }

    @Test
    void anUnsubscribedPersonIsNeverResubscribedByALinkAndOnlyByTheirOwnConfirmationLogged() {
        core.service.signup(fed06, request("marie@exemple.fr", "Marie", false), "1.2.3.4", "UA");
        core.service.confirm(lastConfirmToken(), null, null);
        String id = onlyContact("06").getId();
        core.service.withdraw(TestCore.token(core.links.unsubscribe("06", id), "/v1/unsubscribe"), WithdrawScope.NEWSLETTER,
                null, null, "one-click");
        core.clock.advance(Duration.ofMinutes(11));
        // Someone else signs her address up again, with tracking consent and another name.
        core.service.signup(fed06, new SignupRequest("marie@exemple.fr", "Intrus", null, null, Category.MILITANT, true,
                ConsentWordings.current(), null, false), "6.6.6.6", "UA");
        String token = lastConfirmToken();
        var seen = core.service.checkConfirmation(token);
        assertEquals(ConfirmOutcome.AWAITING, seen.outcome());
        assertEquals(ContactService.ConfirmKind.RESUBSCRIBE, seen.kind());
        Contact c = onlyContact("06");
        assertEquals(ContactStatus.UNSUBSCRIBED, c.getStatus(), "following the link re-subscribes no one");
        assertEquals("Marie", c.getFirstName());
        assertFalse(c.isAudienceConsent());
        assertEquals(2, core.store.consentLog("06", id).size());

        assertEquals(ConfirmOutcome.CONFIRMED, core.service.confirm(token, "7.7.7.7", "UA-owner").outcome());
        c = onlyContact("06");
        assertEquals(ContactStatus.ACTIVE, c.getStatus(), "her own explicit act brings her back");
        var log = core.store.consentLog("06", id);
        assertEquals(3, log.size(), "the change is in the consent log");
        assertEquals(ConsentEvent.CONFIRMED, log.get(2).getType());
        assertEquals(Boolean.TRUE, log.get(2).getAudienceMeasurement());
        assertEquals(core.hash.of("ip", "7.7.7.7"), log.get(2).getActionIpHash());
    }

    @Test
    void anActiveContactsProfileAndConsentsChangeOnlyByTheOwnersConfirmation() {
        core.service.signup(fed06, request("marie@exemple.fr", "Marie", true), "1.2.3.4", "UA");
        core.service.confirm(lastConfirmToken(), null, null);
        core.clock.advance(Duration.ofMinutes(11));
        core.service.signup(fed06, new SignupRequest("marie@exemple.fr", "Autre", null, null, Category.MILITANT, false,
                ConsentWordings.current(), null, false), "6.6.6.6", "UA");
        int emails = core.mailer.sent.size();
        String token = lastConfirmToken();
        assertEquals(ContactService.ConfirmKind.UPDATE, core.service.checkConfirmation(token).kind());
        assertEquals("Marie", onlyContact("06").getFirstName());
        assertTrue(onlyContact("06").isAudienceConsent());
        core.service.confirm(token, "8.8.8.8", "UA");
        Contact c = onlyContact("06");
        assertEquals("Autre", c.getFirstName());
        assertFalse(c.isAudienceConsent(), "her withdrawal of measurement, by her own act");
        assertEquals(2, core.store.consentLog("06", c.getId()).size());
        assertEquals(Boolean.FALSE, core.store.consentLog("06", c.getId()).get(1).getAudienceMeasurement());
        assertEquals(emails, core.mailer.sent.size(), "no second welcome for someone already subscribed");
    }

    @Test
    void aSuppressedAddressIsNeverConfirmedNotEvenByAPost() {
        core.service.signup(fed06, request("marie@exemple.fr", "Marie", true), "1.2.3.4", "UA");
        String token = lastConfirmToken();
        // The confirmation email bounced, or the address complained: suppressed for good.
        core.store.suppress("06", onlyContact("06").getEmailHash(), "hard-bounce", core.clock.instant());
        assertEquals(ConfirmOutcome.SUPPRESSED, core.service.checkConfirmation(token).outcome());
        assertEquals(ConfirmOutcome.SUPPRESSED, core.service.confirm(token, null, null).outcome());
        assertEquals(ContactStatus.PENDING, onlyContact("06").getStatus());
        assertEquals(1, core.mailer.sent.size(), "no welcome");
    }

    // --- the answer never tells the address's past; the throttle counts inboxes, not spellings ---------------

    /** Every call a signup makes to the ports, in order, by interface and method. */
    private final java.util.List<String> io = java.util.Collections.synchronizedList(new java.util.ArrayList<>());

    @SuppressWarnings("unchecked")
    private <T> T recorded(Class<T> port, T target) {
        return (T) java.lang.reflect.Proxy.newProxyInstance(port.getClassLoader(), new Class<?>[] {port}, (proxy, method, args) -> {
            if (method.getDeclaringClass() != Object.class) {
                io.add(port.getSimpleName() + "." + method.getName());
            }
            try {
                return method.invoke(target, args);
            } catch (java.lang.reflect.InvocationTargetException e) {
                throw e.getCause();
            }
        });
    }

    @Test
    void theSignupAnswerAndItsWorkAreTheSameWhateverTheAddressesPast() {
        // The states an address can be in: new, pending, active, unsubscribed, erased (suppressed), just mailed.
        core.service.signup(fed06, request("pending@exemple.fr", "Paul", false), "1.1.1.1", "UA");
        core.service.signup(fed06, request("active@exemple.fr", "Alice", false), "1.1.1.2", "UA");
        core.service.confirm(lastConfirmToken(), null, null);
        core.service.signup(fed06, request("left@exemple.fr", "Louis", false), "1.1.1.3", "UA");
        core.service.confirm(lastConfirmToken(), null, null);
        Contact left = core.store.contacts.get("06").values().stream().filter(c -> c.getEmail().startsWith("left")).findFirst().orElseThrow();
        core.service.withdraw(TestCore.token(core.links.unsubscribe("06", left.getId()), "/v1/unsubscribe"), WithdrawScope.NEWSLETTER,
                null, null, "one-click");
        core.service.signup(fed06, request("erased@exemple.fr", "Eve", false), "1.1.1.4", "UA");
        Contact erased = core.store.contacts.get("06").values().stream().filter(c -> c.getEmail().startsWith("erased")).findFirst().orElseThrow();
        core.admin.erase("06", erased.getId());
        core.clock.advance(Duration.ofMinutes(11));
        core.service.signup(fed06, request("justmailed@exemple.fr", "Jean", false), "1.1.1.5", "UA");
        core.clock.advance(Duration.ofMinutes(1));
        int mailed = core.mailer.sent.size();

        ContactService watched = new ContactService(recorded(ContactStore.class, core.store), core.federations,
                recorded(fr.eterrain.core.mail.Mailer.class, core.mailer), new ConfirmationEmails(core.links, "e-terrain.test"),
                recorded(fr.eterrain.core.ratelimit.RateLimiter.class, core.rateLimiter), core.hash, core.tokens, core.clock, 100,
                Duration.ofMinutes(10), recorded(SignupRequests.class, core.signups), recorded(ConfirmationThrottle.class, core.throttle),
                recorded(fr.eterrain.core.events.EventPublisher.class, core.bus));
        core.bus.deliver = false;
        core.bus.handleSignupsWith(watched);
        java.util.Map<String, java.util.List<String>> byState = new java.util.LinkedHashMap<>();
        for (String address : new String[] {"new@exemple.fr", "pending@exemple.fr", "active@exemple.fr", "left@exemple.fr",
                "erased@exemple.fr", "justmailed@exemple.fr"}) {
            io.clear();
            assertEquals(SignupOutcome.ACCEPTED, watched.signup(fed06, request(address, "Autre", true), "9.9.9.9", "UA"));
            byState.put(address, java.util.List.copyOf(io));
        }
        java.util.List<String> expected = java.util.List.of("RateLimiter.allow", "SignupRequests.save", "EventPublisher.publish");
        byState.forEach((address, calls) -> assertEquals(expected, calls,
                "the same I/O before the answer, whatever the address (" + address + ")"));
        assertEquals(mailed, core.mailer.sent.size(), "nothing depends on the address before the answer");

        assertEquals(java.util.List.of(ContactService.ProcessOutcome.EMAIL_SENT, ContactService.ProcessOutcome.EMAIL_SENT,
                        ContactService.ProcessOutcome.EMAIL_SENT, ContactService.ProcessOutcome.EMAIL_SENT,
                        ContactService.ProcessOutcome.IGNORED_SUPPRESSED, ContactService.ProcessOutcome.IGNORED_THROTTLED),
                core.bus.deliverHeld(), "afterwards, out of sight: the erased and the just-mailed addresses get nothing");
        assertEquals(java.util.List.of("new@exemple.fr", "pending@exemple.fr", "active@exemple.fr", "left@exemple.fr"),
                core.mailer.sent.subList(mailed, core.mailer.sent.size()).stream().map(EmailMessage::to).toList());
    }

    @Test
    void oneInboxGetsOneConfirmationEmailPerTenMinutesAcrossFederationsWhateverTheSpelling() {
        Federation fed13 = core.federations.require("13");
        Federation fed2a = core.federations.require("2A");
        core.service.signup(fed06, request("marie.dupont@gmail.com", null, false), "1.1.1.1", "UA");
        core.service.signup(fed13, request("MarieDupont+13@googlemail.com", null, false), "1.1.1.2", "UA");
        core.service.signup(fed2a, request("m.a.r.i.e.dupont+x@gmail.com", null, false), "1.1.1.3", "UA");
        core.service.signup(fed06, request("marie.dupont+1@gmail.com", null, false), "1.1.1.4", "UA");
        assertEquals(1, core.mailer.sent.size(), "one email for one inbox, not one per federation or spelling");
        core.clock.advance(Duration.ofMinutes(11));
        core.service.signup(fed13, request("mariedupont+13@gmail.com", null, false), "1.1.1.5", "UA");
        assertEquals(2, core.mailer.sent.size(), "ten minutes later, the next one");
        core.service.signup(fed06, request("marie.dupont@exemple.fr", null, false), "1.1.1.6", "UA");
        assertEquals(3, core.mailer.sent.size(), "dots count outside Gmail");
    }

    @Test
    void anInboxGetsAtMostFiveConfirmationEmailsADay() {
        String[] feds = {"06", "13", "2A", "33", "69", "75", "971"};
        for (int i = 0; i < feds.length; i++) {
            core.service.signup(core.federations.require(feds[i]), request("cible+" + i + "@exemple.fr", null, false), "1.1.1." + i, "UA");
            core.clock.advance(Duration.ofMinutes(11));
        }
        assertEquals(ConfirmationThrottle.DAILY_CAP, core.mailer.sent.size());
        core.clock.advance(Duration.ofHours(24));
        core.service.signup(fed06, request("cible@exemple.fr", null, false), "1.1.1.9", "UA");
        assertEquals(ConfirmationThrottle.DAILY_CAP + 1, core.mailer.sent.size(), "a day later, again");
    }

    @Test
    void importsAndReconfirmationsObeyTheSameThrottle() {
        core.service.signup(fed06, request("marie@exemple.fr", null, false), "1.1.1.1", "UA");
        core.importer.importCsv("13", "email\nMarie+import@exemple.fr\n", "k");
        var request = core.events.published.stream().filter(e -> e.detailType().equals("ConfirmationRequested")).findFirst()
                .orElseThrow().detail().get("requests").get(0);
        assertFalse(core.service.sendPendingConfirmation("13", request.get("contactId").asText(), request.get("nonce").asText()),
                "the same inbox was mailed by another federation a minute ago");
        assertEquals(1, core.mailer.sent.size());
        core.clock.advance(Duration.ofMinutes(11));
        assertTrue(core.service.sendPendingConfirmation("13", request.get("contactId").asText(), request.get("nonce").asText()));
    }

    @Test
    void anErasureForgetsTheAddressInTheThrottleToo() {
        core.service.signup(fed06, request("marie@exemple.fr", null, false), "1.1.1.1", "UA");
        assertFalse(core.throttle.claims.isEmpty());
        core.admin.erase("06", onlyContact("06").getId());
        assertTrue(core.throttle.claims.isEmpty());
    }
}
