package fr.eterrain.core.mail;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.sesv2.SesV2Client;
import software.amazon.awssdk.services.sesv2.model.Body;
import software.amazon.awssdk.services.sesv2.model.Content;
import software.amazon.awssdk.services.sesv2.model.Destination;
import software.amazon.awssdk.services.sesv2.model.EmailContent;
import software.amazon.awssdk.services.sesv2.model.MessageHeader;
import software.amazon.awssdk.services.sesv2.model.Message;
import software.amazon.awssdk.services.sesv2.model.SendEmailRequest;
import software.amazon.awssdk.services.sesv2.model.SesV2Exception;

/** Amazon SES v2 SendEmail, simple content with custom headers, one recipient per call. */
public final class SesMailer implements Mailer {
    private final SesV2Client ses;
    private final Optional<String> configurationSet;

    public SesMailer(SesV2Client ses, Optional<String> configurationSet) {
        this.ses = ses;
        this.configurationSet = configurationSet;
    }

    @Override
    public String send(EmailMessage message) {
        List<MessageHeader> headers = new ArrayList<>();
        message.headers().forEach((name, value) -> headers.add(MessageHeader.builder().name(name).value(value).build()));
        SendEmailRequest.Builder request = SendEmailRequest.builder()
                .fromEmailAddress(message.from())
                .destination(Destination.builder().toAddresses(message.to()).build())
                .content(EmailContent.builder().simple(Message.builder()
                        .subject(utf8(message.subject()))
                        .body(Body.builder().html(utf8(message.html())).text(utf8(message.text())).build())
                        .headers(headers)
                        .build()).build());
        configurationSet.ifPresent(request::configurationSetName);
        try {
            return ses.sendEmail(request.build()).messageId();
        } catch (SesV2Exception e) {
            boolean retryable = e.isThrottlingException() || e.statusCode() >= 500;
            throw new MailException("SES refused the message: " + e.awsErrorDetails().errorCode(), retryable, e);
        } catch (SdkClientException e) {
            // The request may have reached SES before the connection failed: not sent again from here (see Dispatcher).
            throw MailException.ambiguous("no answer from SES", e);
        } catch (SdkException e) {
            throw new MailException("SES could not be reached", true, e);
        }
    }

    private static Content utf8(String data) {
        return Content.builder().data(data).charset("UTF-8").build();
    }
}
