package fr.eterrain.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import fr.eterrain.core.Platform;
import fr.eterrain.core.json.Json;
import fr.eterrain.core.newsletters.NewsletterKeys;
import fr.eterrain.core.security.FieldCipher;
import fr.eterrain.core.security.Secrets;
import fr.eterrain.core.store.TableLayout;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.UUID;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.ResponseBytes;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * After DELETE, no table holds anything of the person but the keyed hash that keeps the address suppressed.
 *
 * <p>Allowed after an erasure, and only there: the suppression entry ({@code EMAIL#<keyed hash of the address>} /
 * {@code EMAIL}, nothing but the hash and why and when it was suppressed), without which the address could be
 * signed up or imported again and mailed; and the federation's audit entries of the accesses to the contact, whose
 * {@code target} is a keyed hash of the random contact id (never the address or a name), kept for accountability
 * (who read or erased whom, art. 5(2)) and expiring with the rest of the log (TTL, two years). Aggregate statistics
 * (counters without anybody in them) stay too.
 */
@Tag("reliability")
class ErasureIT {
    private final TestStack stack = TestStack.get();
    private final Contacts contacts = new Contacts(stack);

    @Test
    void erasureLeavesOnlyTheSuppressionHash() {
        String email = TestStack.uniqueEmail("erase");
        String id = contacts.confirmedContact("06", email, true);
        String key = stack.issueKey("06");
        assertEquals(200, stack.send("PATCH", "/v1/federations/06/contacts/" + id, "application/json",
                "{\"tags\":[\"porte-a-porte\"],\"lastName\":\"Dupont-Unique\"}", TestStack.bearer(key)).statusCode());
        assertEquals(200, stack.get("/v1/federations/06/contacts/" + id + "/export", TestStack.bearer(key)).statusCode());

        assertEquals(204, stack.send("DELETE", "/v1/federations/06/contacts/" + id, null, null, TestStack.bearer(key)).statusCode());
        assertEquals(404, stack.get("/v1/federations/06/contacts/" + id, TestStack.bearer(key)).statusCode());
        assertEquals(404, stack.send("DELETE", "/v1/federations/06/contacts/" + id, null, null, TestStack.bearer(key)).statusCode());

        Platform platform = contacts.platform();
        String hash = platform.hash().email(email);
        List<String> traces = new ArrayList<>();
        List<Map<String, AttributeValue>> suppression = new ArrayList<>();
        for (String table : platform.clients().dynamo().listTablesPaginator().tableNames()) {
            if (!table.startsWith(stack.settings().tablePrefix())) {
                continue;
            }
            platform.clients().dynamo().scanPaginator(r -> r.tableName(table)).items().forEach(item -> {
                String text = item.toString();
                if (text.contains(hash)) {
                    suppression.add(item);
                }
                for (String needle : new String[] {id, email, "Dupont-Unique", platform.access().targetOf(id)}) {
                    if (text.contains(needle) && !needle.equals(platform.access().targetOf(id))) {
                        traces.add(table + ": " + text);
                    }
                }
            });
        }
        assertTrue(traces.isEmpty(), "traces left: " + traces);
        assertEquals(1, suppression.size(), "only the suppression entry: " + suppression);
        assertEquals(Boolean.TRUE, suppression.get(0).get("suppressed").bool());
        assertEquals(List.of("pk", "sk", "suppressed", "suppressedAt", "suppressionReason").stream().sorted().toList(),
                suppression.get(0).keySet().stream().sorted().toList());

        // The address stays suppressed: a new signup is answered the same way but sends nothing.
        int before = stack.emailsTo(email).size();
        assertEquals(202, contacts.signup("06", email, false).statusCode());
        assertEquals(before, stack.emailsTo(email).size());
    }

    /**
     * A person who used every feature before asking for erasure: imported with proof of consent, signed up again and
     * confirmed (consent log, measurement consent), tagged and edited, read and exported by the federation and by HQ
     * (audit log), sent a newsletter they opened and clicked (recipient item, delivery, per-person tracking markers,
     * last activity), unsubscribed from it and came back (withdrawal and new consent, unsubscribe marker). After
     * DELETE, and after the links of their old emails are used again, a scan of every table (platform and each
     * federation's, encrypted attributes decrypted) and of every object of every bucket finds neither their address,
     * names, postal code nor contact id, nor a keyed hash of them, but for the suppression entry and the audit
     * targets allowed above.
     */
    @Test
    void erasureLeavesNothingOfAPersonWhoUsedEveryFeature() throws Exception {
        String fed = "22";
        String unique = UUID.randomUUID().toString().replace("-", "").replaceAll("[0-9]", "").substring(0, 6);
        String email = TestStack.uniqueEmail("tout");
        String firstName = "Eulalie" + unique;
        String lastName = "Kervadec" + unique;
        String postalCode = "ZQ" + UUID.randomUUID().toString().replaceAll("[^0-9]", "").substring(0, 6);
        String key = stack.issueKey(fed);
        String hq = stack.issueKey("HQ");
        String tag = "e" + unique;

        // Imported with proof of consent: active at once, "imported" in the consent log.
        HttpResponse<String> imported = stack.post("/v1/federations/" + fed + "/contacts/import", "text/csv",
                "email;prenom;nom;cp;tags;consentWordingVersion;consentDate;consentSource\n"
                        + email + ";" + firstName + ";" + lastName + ";" + postalCode + ";fete|" + tag
                        + ";papier-2024;2024-03-01;fête de la rose\n", TestStack.bearer(key));
        assertEquals(200, imported.statusCode(), imported.body());
        assertEquals(1, Json.parse(imported.body()).get("active").asInt(), imported.body());
        String id = contacts.contactId(fed, email);

        // Signs up again on the site, with audience measurement, and confirms from the email.
        assertEquals(202, stack.post("/v1/federations/" + fed + "/signups", "application/json",
                signup(email, firstName, lastName, postalCode, true)).statusCode());
        assertEquals(200, contacts.confirm(Emails.link(stack.awaitEmailTo(email), "/v1/confirm")).statusCode());
        assertEquals(200, stack.send("PATCH", "/v1/federations/" + fed + "/contacts/" + id, "application/json",
                "{\"tags\":[\"porte-a-porte\",\"" + tag + "\"],\"category\":\"militant\"}", TestStack.bearer(key)).statusCode());
        assertEquals(200, stack.get("/v1/federations/" + fed + "/contacts/" + id, TestStack.bearer(hq)).statusCode());

        // A newsletter: delivered an hour ago, opened, both links clicked.
        String subject = "Lettre effacée " + unique;
        Sends sends = new Sends(stack);
        String nl = sends.newsletter(fed, key, tag, subject, "https://exemple.fr/a-" + unique, "https://exemple.fr/b-" + unique);
        sends.awaitDelivered(fed, key, nl, 1);
        JsonNode mail = Emails.to(stack.sentEmails(), email).stream()
                .filter(m -> m.path("subject").asText().equals(subject)).findFirst().orElseThrow();
        setDeliveredAt(fed, nl, id, Instant.now().minus(Duration.ofHours(1)));
        List<String> links = Emails.links(mail);
        String pixel = links.stream().filter(l -> l.contains("/v1/o/")).findFirst().orElseThrow();
        List<String> clicks = links.stream().filter(l -> l.contains("/v1/c/")).toList();
        String unsubscribe = links.stream().filter(l -> l.contains("/v1/unsubscribe") && l.contains("&n=" + nl)).findFirst().orElseThrow();
        assertEquals(200, stack.get(pixel, "user-agent", TrackingIT.BROWSER).statusCode());
        for (String click : clicks) {
            assertEquals(302, stack.get(click, "user-agent", TrackingIT.BROWSER).statusCode());
        }
        // Unsubscribes from that newsletter's link, and later comes back.
        assertEquals(200, stack.post(unsubscribe, "application/x-www-form-urlencoded", "List-Unsubscribe=One-Click").statusCode());
        contacts.forgetThrottle(fed, email);
        assertEquals(202, stack.post("/v1/federations/" + fed + "/signups", "application/json",
                signup(email, firstName, lastName, postalCode, true)).statusCode());
        String confirm = Emails.link(stack.awaitEmailTo(email), "/v1/confirm");
        assertEquals(200, contacts.confirm(confirm).statusCode());
        JsonNode export = Json.parse(stack.get("/v1/federations/" + fed + "/contacts/" + id + "/export", TestStack.bearer(key)).body());
        assertEquals("active", export.at("/contact/status").asText());
        assertTrue(export.get("consentLog").size() >= 4, "imported, confirmed, withdrawn, confirmed: " + export.get("consentLog"));
        assertEquals(5, export.get("trackingEvents").size(), "open, click, two links, unsubscribe: " + export.get("trackingEvents"));

        // Every trace is there before the erasure, so the scan below is looking in the right places.
        Platform platform = contacts.platform();
        Map<String, String> needles = needles(platform, fed, email, firstName, lastName, postalCode, id);
        List<String> before = scan(platform, needles);
        for (String kind : List.of("email", "firstName", "lastName", "postalCode", "contactId", "emailHash", "auditTarget")) {
            assertTrue(before.stream().anyMatch(t -> t.startsWith(kind + " ")), "before the erasure, some " + kind + " is found");
        }

        assertEquals(204, stack.send("DELETE", "/v1/federations/" + fed + "/contacts/" + id, null, null, TestStack.bearer(key)).statusCode());
        // The links of the old emails keep working without recording anything about the person.
        assertEquals(200, stack.get(pixel, "user-agent", TrackingIT.BROWSER).statusCode());
        for (String click : clicks) {
            assertEquals(302, stack.get(click, "user-agent", TrackingIT.BROWSER).statusCode());
        }
        stack.post(unsubscribe, "application/x-www-form-urlencoded", "List-Unsubscribe=One-Click");
        stack.get(confirm);
        stack.post(confirm, "application/x-www-form-urlencoded", "");
        assertEquals(202, stack.post("/v1/federations/" + fed + "/signups", "application/json",
                signup(email, firstName, lastName, postalCode, true)).statusCode());
        assertEquals(200, stack.post("/v1/federations/" + fed + "/contacts/import", "text/csv", "email;prenom\n" + email + ";" + firstName + "\n",
                TestStack.bearer(key)).statusCode());
        stack.awaitEvents();

        List<String> left = scan(platform, needles);
        List<String> unexpected = new ArrayList<>();
        int suppression = 0;
        int audit = 0;
        for (String trace : left) {
            if (trace.startsWith("emailHash ") && trace.contains(" pk=EMAIL#" + needles.get("emailHash") + " sk=EMAIL ")
                    && trace.endsWith("{pk, sk, suppressed, suppressedAt, suppressionReason}")) {
                suppression++;
            } else if (trace.startsWith("auditTarget ") && trace.contains(" pk=AUDIT#")
                    // Who acted (a key here: kind, id, role, on behalf of HQ or not), the keyed hash of the contact id.
                    && trace.endsWith("{action, actorKind, expiresAt, keyId, onBehalf, pk, requestId, role, sk, target}")) {
                audit++;
            } else {
                unexpected.add(trace);
            }
        }
        assertEquals(List.of(), unexpected, "traces left after the erasure");
        assertEquals(1, suppression, "the suppression entry, once: " + left);
        assertEquals(4, audit, "the audit entries of the accesses (edit, HQ read, export, erasure): " + left);
        // The statistics keep their counts, with nobody in them.
        JsonNode stats = Json.parse(stack.get("/v1/federations/" + fed + "/newsletters/" + nl + "/stats", TestStack.bearer(key)).body());
        assertEquals(1, stats.at("/opens/unique").asLong());
        assertEquals(1, stats.at("/unsubscribes").asLong());
        assertEquals(1, stats.at("/delivery/delivered").asLong());
    }

    private static String signup(String email, String firstName, String lastName, String postalCode, boolean audience) {
        return """
                {"email":"%s","firstName":"%s","lastName":"%s","postalCode":"%s","category":"sympathisant",
                 "consent":{"newsletter":true,"audienceMeasurement":%s,"wordingVersion":"2026-11"},"source":"e2e"}
                """.formatted(email, firstName, lastName, postalCode, audience);
    }

    /** What must not survive, by kind: the person's values and every keyed hash derived from them. */
    private static Map<String, String> needles(Platform platform, String fed, String email, String firstName, String lastName,
                                               String postalCode, String id) {
        Map<String, String> needles = new LinkedHashMap<>();
        needles.put("email", email);
        needles.put("emailLocalPart", email.substring(0, email.indexOf('@')));
        needles.put("firstName", firstName);
        needles.put("lastName", lastName);
        needles.put("postalCode", postalCode);
        needles.put("contactId", id);
        needles.put("emailHash", platform.hash().email(email));
        needles.put("auditTarget", platform.access().targetOf(id));
        needles.put("likeHash", platform.hash().of("content-like", fed + ":" + id));
        needles.put("idHash", platform.hash().of("contact", id));
        return needles;
    }

    /**
     * Every item of every table of the stage and every object of every bucket, as "kind table pk=… sk=… {attribute
     * names}" for each needle found, in the attribute names and values, encrypted attributes decrypted.
     */
    private List<String> scan(Platform platform, Map<String, String> needles) {
        FieldCipher cipher = new FieldCipher(Secrets.dataKeys(stack.settings()));
        List<String> found = new ArrayList<>();
        for (String table : platform.clients().dynamo().listTablesPaginator().tableNames()) {
            if (!table.startsWith(stack.settings().tablePrefix() + "-")) {
                continue;
            }
            platform.clients().dynamo().scanPaginator(r -> r.tableName(table).consistentRead(true)).items().forEach(item -> {
                StringBuilder text = new StringBuilder(item.toString());
                item.forEach((name, value) -> {
                    if (name.endsWith("Enc") && value.s() != null) {
                        try {
                            text.append(' ').append(name).append("=").append(cipher.decrypt(value.s(),
                                    fr.eterrain.core.store.dynamo.SealedFields.of(item, name)));
                        } catch (RuntimeException e) {
                            text.append(' ').append(name).append("=(undecryptable: ").append(e.getMessage()).append(')');
                        }
                    }
                });
                needles.forEach((kind, needle) -> {
                    if (text.indexOf(needle) >= 0) {
                        found.add(kind + " " + table + " pk=" + item.get(TableLayout.PK).s() + " sk=" + item.get(TableLayout.SK).s()
                                + " " + new TreeSet<>(item.keySet()).toString().replace("[", "{").replace("]", "}"));
                    }
                });
            });
        }
        var s3 = platform.clients().s3();
        s3.listBuckets().buckets().forEach(bucket -> s3.listObjectsV2Paginator(r -> r.bucket(bucket.name())).contents()
                .forEach((S3Object object) -> {
                    HeadObjectResponse head = s3.headObject(r -> r.bucket(bucket.name()).key(object.key()));
                    StringBuilder text = new StringBuilder(object.key()).append(' ').append(head.metadata());
                    if (object.size() < 1_000_000) {
                        ResponseBytes<GetObjectResponse> bytes = s3.getObjectAsBytes(r -> r.bucket(bucket.name()).key(object.key()));
                        text.append(' ').append(new String(bytes.asByteArray(), StandardCharsets.ISO_8859_1));
                    }
                    needles.forEach((kind, needle) -> {
                        if (text.indexOf(needle) >= 0) {
                            found.add(kind + " s3://" + bucket.name() + "/" + object.key());
                        }
                    });
                }));
        return found;
    }

    private void setDeliveredAt(String fed, String newsletterId, String contactId, Instant at) {
        contacts.platform().clients().dynamo().updateItem(r -> r
                .tableName(new TableLayout(stack.settings().tablePrefix()).federationTable(fed))
                .key(Map.of(TableLayout.PK, AttributeValue.fromS(NewsletterKeys.pk(newsletterId)),
                        TableLayout.SK, AttributeValue.fromS(NewsletterKeys.recipient(contactId))))
                .updateExpression("SET deliveredAt = :t")
                .expressionAttributeValues(Map.of(":t", AttributeValue.fromS(at.toString()))));
    }
}
