package fr.eterrain.infra;

import java.util.List;
import software.amazon.awscdk.CfnOutput;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.StackProps;
import software.amazon.awscdk.services.events.EventBus;
import software.amazon.awscdk.services.ses.ConfigurationSet;
import software.amazon.awscdk.services.ses.ConfigurationSetEventDestinationOptions;
import software.amazon.awscdk.services.ses.DkimIdentity;
import software.amazon.awscdk.services.ses.EasyDkimSigningKeyLength;
import software.amazon.awscdk.services.ses.EmailIdentity;
import software.amazon.awscdk.services.ses.EmailSendingEvent;
import software.amazon.awscdk.services.ses.EventDestination;
import software.amazon.awscdk.services.ses.Identity;
import software.amazon.awscdk.services.ses.MailFromBehaviorOnMxFailure;
import software.amazon.awscdk.services.ses.SuppressionReasons;
import software.constructs.Construct;

/**
 * SES for one stage: the domain identity of {@code mailDomain} (Easy DKIM, 2048-bit; custom MAIL FROM
 * {@code bounce.<domain>} so SPF aligns too) and the configuration set every email goes through, which publishes
 * the sending events to EventBridge. SES can only publish to the account's <b>default</b> bus: ApiStack forwards
 * this configuration set's events from there to the stage bus, where the wiring table's rules live.
 * Opens and clicks are not published: the platform measures them itself, with consent (tracking issue).
 *
 * <p>The identity is retained in prod: recreating it would issue new DKIM tokens and break the published DNS.
 */
public final class MailStack extends Stack {
    /** The events the configuration set publishes. */
    public static final List<EmailSendingEvent> EVENTS = List.of(EmailSendingEvent.SEND, EmailSendingEvent.DELIVERY,
            EmailSendingEvent.BOUNCE, EmailSendingEvent.COMPLAINT, EmailSendingEvent.REJECT,
            EmailSendingEvent.DELIVERY_DELAY, EmailSendingEvent.RENDERING_FAILURE);
    public static final String MAIL_FROM_SUBDOMAIN = "bounce";

    private final ConfigurationSet configurationSet;
    private final EmailIdentity identity;

    public MailStack(Construct scope, String id, StageConfig config) {
        super(scope, id, StackProps.builder().env(config.env()).stackName(id)
                // Stateful: prod stacks cannot be deleted by mistake (resources are retained as well).
                .terminationProtection(config.isProd())
                .description("e-terrain " + config.stage() + " SES identity and configuration set").build());
        configurationSet = ConfigurationSet.Builder.create(this, "ConfigurationSet")
                .configurationSetName(config.configurationSet())
                // Bounce and complaint rates per configuration set, next to the account-wide ones SES reviews.
                .reputationMetrics(true)
                .sendingEnabled(true)
                // Never send again to an address that hard-bounced or complained (account suppression list).
                .suppressionReasons(SuppressionReasons.BOUNCES_AND_COMPLAINTS)
                .build();
        configurationSet.addEventDestination("Events", ConfigurationSetEventDestinationOptions.builder()
                .configurationSetEventDestinationName(config.prefix() + "-events")
                .destination(EventDestination.eventBus(EventBus.fromEventBusName(this, "DefaultBus", "default")))
                .events(EVENTS)
                .build());

        String domain = config.mailDomain();
        identity = EmailIdentity.Builder.create(this, "Domain")
                .identity(Identity.domain(domain))
                .dkimIdentity(DkimIdentity.easyDkim(EasyDkimSigningKeyLength.RSA_2048_BIT))
                .mailFromDomain(MAIL_FROM_SUBDOMAIN + "." + domain)
                // Until the MX record exists, mail still leaves (MAIL FROM amazonses.com, DKIM still aligns).
                .mailFromBehaviorOnMxFailure(MailFromBehaviorOnMxFailure.USE_DEFAULT_VALUE)
                // Sends that name no configuration set still publish their events.
                .configurationSet(configurationSet)
                .build();
        identity.applyRemovalPolicy(config.removalPolicy());

        // The DNS records to publish for the domain (README: first deploy).
        List<String> names = List.of(identity.getDkimDnsTokenName1(), identity.getDkimDnsTokenName2(),
                identity.getDkimDnsTokenName3());
        List<String> values = List.of(identity.getDkimDnsTokenValue1(), identity.getDkimDnsTokenValue2(),
                identity.getDkimDnsTokenValue3());
        for (int i = 0; i < names.size(); i++) {
            CfnOutput.Builder.create(this, "DkimRecord" + (i + 1)).description("DKIM: CNAME record " + (i + 1) + " of 3")
                    .value(names.get(i) + " CNAME " + values.get(i)).build();
        }
        String mailFrom = MAIL_FROM_SUBDOMAIN + "." + domain;
        CfnOutput.Builder.create(this, "MailFromMx").description("Custom MAIL FROM: MX record")
                .value(mailFrom + " MX 10 feedback-smtp." + getRegion() + ".amazonses.com").build();
        CfnOutput.Builder.create(this, "MailFromSpf").description("Custom MAIL FROM: SPF record")
                .value(mailFrom + " TXT \"v=spf1 include:amazonses.com ~all\"").build();
    }

    public ConfigurationSet configurationSet() {
        return configurationSet;
    }

    public EmailIdentity identity() {
        return identity;
    }
}
