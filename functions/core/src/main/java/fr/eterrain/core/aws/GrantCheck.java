package fr.eterrain.core.aws;

import fr.eterrain.core.log.Log;
import fr.eterrain.core.wiring.Grant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import software.amazon.awssdk.core.SdkRequest;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.services.dynamodb.model.BatchGetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.BatchWriteItemRequest;
import software.amazon.awssdk.services.dynamodb.model.DeleteItemRequest;
import software.amazon.awssdk.services.dynamodb.model.DescribeTableRequest;
import software.amazon.awssdk.services.dynamodb.model.GetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.PutItemRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.ScanRequest;
import software.amazon.awssdk.services.dynamodb.model.TransactGetItemsRequest;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItemsRequest;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemRequest;
import software.amazon.awssdk.services.eventbridge.model.PutEventsRequest;
import software.amazon.awssdk.services.s3.model.AbortMultipartUploadRequest;
import software.amazon.awssdk.services.s3.model.CompleteMultipartUploadRequest;
import software.amazon.awssdk.services.s3.model.CopyObjectRequest;
import software.amazon.awssdk.services.s3.model.CreateMultipartUploadRequest;
import software.amazon.awssdk.services.s3.model.DeleteObjectRequest;
import software.amazon.awssdk.services.s3.model.GetObjectRequest;
import software.amazon.awssdk.services.s3.model.HeadObjectRequest;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Request;
import software.amazon.awssdk.services.s3.model.ListPartsRequest;
import software.amazon.awssdk.services.s3.model.PutObjectRequest;
import software.amazon.awssdk.services.s3.model.UploadPartRequest;
import software.amazon.awssdk.services.sesv2.model.SendEmailRequest;

/**
 * Refuses, before it leaves, every AWS call a function's wiring grants do not allow, the way IAM would in the cloud.
 * Installed by {@link AwsClients} when the setting {@code GRANTS} is given (the local runtime gives each function its
 * wiring grants), so every end-to-end and fuzz test proves the grants are enough: a missing one fails there, with
 * the action and resource named, instead of as an AccessDenied in production.
 */
final class GrantCheck implements ExecutionInterceptor {
    private static final Log LOG = Log.of("GrantCheck");

    /** One action on one resource, as IAM sees it. */
    record Call(Grant.Resource resource, String action, String name) {
    }

    private final String function;
    private final Set<Grant> grants;
    private final String platformTable;
    private final String federationTablePrefix;
    private final String bucket;

    GrantCheck(String function, Set<Grant> grants, String platformTable, String federationTablePrefix, String bucket) {
        this.function = function;
        this.grants = Set.copyOf(grants);
        this.platformTable = platformTable;
        this.federationTablePrefix = federationTablePrefix;
        this.bucket = bucket;
    }

    @Override
    public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
        for (Call call : calls(context.request())) {
            if (!allowed(call)) {
                LOG.error("call not granted", null, "function", function, "action", call.action(), "resource", call.name());
                throw new IllegalStateException(function + " is not granted " + call.action() + " on " + call.name()
                        + " by its grants in functions/wiring.json " + grants);
            }
        }
    }

    boolean allowed(Call call) {
        return call.resource() != null && grants.stream()
                .anyMatch(g -> g.resource() == call.resource() && g.actions().contains(call.action()));
    }

    List<Call> calls(SdkRequest request) {
        List<Call> calls = new ArrayList<>();
        switch (request) {
            case GetItemRequest r -> calls.add(table("GetItem", r.tableName()));
            case BatchGetItemRequest r -> r.requestItems().keySet().forEach(t -> calls.add(table("BatchGetItem", t)));
            case QueryRequest r -> calls.add(table("Query", r.tableName()));
            case ScanRequest r -> calls.add(table("Scan", r.tableName()));
            case PutItemRequest r -> calls.add(table("PutItem", r.tableName()));
            case UpdateItemRequest r -> calls.add(table("UpdateItem", r.tableName()));
            case DeleteItemRequest r -> calls.add(table("DeleteItem", r.tableName()));
            case DescribeTableRequest r -> calls.add(table("DescribeTable", r.tableName()));
            case BatchWriteItemRequest r -> r.requestItems().keySet().forEach(t -> calls.add(table("BatchWriteItem", t)));
            case TransactGetItemsRequest r -> r.transactItems().forEach(i -> calls.add(table("GetItem", i.get().tableName())));
            case TransactWriteItemsRequest r -> r.transactItems().forEach(i -> calls.add(transactWrite(i)));
            case SendEmailRequest r -> calls.add(new Call(Grant.Resource.MAIL, "ses:SendEmail", "the mail domain"));
            case PutEventsRequest r -> calls.add(new Call(Grant.Resource.EVENT_BUS, "events:PutEvents", "the stage bus"));
            case GetObjectRequest r -> calls.add(object("s3:GetObject", r.bucket(), r.key()));
            case HeadObjectRequest r -> calls.add(object("s3:GetObject", r.bucket(), r.key()));
            case ListObjectsV2Request r -> calls.add(new Call(bucket.equals(r.bucket()) && r.prefix() != null
                    && r.prefix().startsWith("uploads/") ? Grant.Resource.CONTENT_BUCKET : null, "s3:ListBucket",
                    r.bucket() + " prefix " + r.prefix()));
            case PutObjectRequest r -> calls.add(object("s3:PutObject", r.bucket(), r.key()));
            case CopyObjectRequest r -> {
                // The SDK may have folded sourceBucket and sourceKey into copySource ("bucket/key") by now.
                String source = r.sourceBucket() != null ? r.sourceBucket() : r.copySource() == null ? null
                        : java.net.URLDecoder.decode(r.copySource(), java.nio.charset.StandardCharsets.UTF_8).replaceFirst("^/", "")
                                .replaceFirst("/.*", "");
                calls.add(object("s3:GetObject", source, r.sourceKey()));
                calls.add(object("s3:PutObject", r.destinationBucket(), r.destinationKey()));
            }
            case DeleteObjectRequest r -> calls.add(object("s3:DeleteObject", r.bucket(), r.key()));
            case CreateMultipartUploadRequest r -> calls.add(object("s3:PutObject", r.bucket(), r.key()));
            case UploadPartRequest r -> calls.add(object("s3:PutObject", r.bucket(), r.key()));
            case CompleteMultipartUploadRequest r -> calls.add(object("s3:PutObject", r.bucket(), r.key()));
            case AbortMultipartUploadRequest r -> calls.add(object("s3:AbortMultipartUpload", r.bucket(), r.key()));
            case ListPartsRequest r -> calls.add(object("s3:ListMultipartUploadParts", r.bucket(), r.key()));
            // Secrets are read at init from the ARNs infra gives only to the functions granted them.
            case software.amazon.awssdk.services.secretsmanager.model.GetSecretValueRequest r -> { }
            default -> calls.add(new Call(null, request.getClass().getSimpleName(), "anything"));
        }
        return calls;
    }

    private Call transactWrite(TransactWriteItem item) {
        if (item.put() != null) {
            return table("PutItem", item.put().tableName());
        }
        if (item.update() != null) {
            return table("UpdateItem", item.update().tableName());
        }
        if (item.delete() != null) {
            return table("DeleteItem", item.delete().tableName());
        }
        return table("ConditionCheckItem", item.conditionCheck().tableName());
    }

    private Call table(String action, String name) {
        Grant.Resource resource = name.equals(platformTable) ? Grant.Resource.PLATFORM_TABLE
                : name.startsWith(federationTablePrefix) ? Grant.Resource.FEDERATION_TABLES : null;
        return new Call(resource, "dynamodb:" + action, "table " + name);
    }

    private Call object(String action, String bucketName, String key) {
        return new Call(bucket.equals(bucketName) ? Grant.Resource.CONTENT_BUCKET : null, action,
                "an object of bucket " + bucketName);
    }
}
