package fr.eterrain.core.aws;

import fr.eterrain.core.aws.GrantRules.Call;
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
    private final GrantRules rules;

    GrantCheck(GrantRules rules) {
        this.rules = rules;
    }

    GrantCheck(String function, Set<Grant> grants, String platformTable, String federationTablePrefix, String bucket) {
        this(new GrantRules(function, grants, platformTable, federationTablePrefix, bucket));
    }

    @Override
    public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
        rules.require(calls(context.request()));
    }

    boolean allowed(Call call) {
        return rules.allowed(call);
    }

    List<Call> calls(SdkRequest request) {
        List<Call> calls = new ArrayList<>();
        switch (request) {
            case GetItemRequest r -> calls.add(rules.table("GetItem", r.tableName()));
            case BatchGetItemRequest r -> r.requestItems().keySet().forEach(t -> calls.add(rules.table("BatchGetItem", t)));
            case QueryRequest r -> calls.add(rules.table("Query", r.tableName()));
            case ScanRequest r -> calls.add(rules.table("Scan", r.tableName()));
            case PutItemRequest r -> calls.add(rules.table("PutItem", r.tableName()));
            case UpdateItemRequest r -> calls.add(rules.table("UpdateItem", r.tableName()));
            case DeleteItemRequest r -> calls.add(rules.table("DeleteItem", r.tableName()));
            case DescribeTableRequest r -> calls.add(rules.table("DescribeTable", r.tableName()));
            case BatchWriteItemRequest r -> r.requestItems().keySet().forEach(t -> calls.add(rules.table("BatchWriteItem", t)));
            case TransactGetItemsRequest r -> r.transactItems().forEach(i -> calls.add(rules.table("GetItem", i.get().tableName())));
            case TransactWriteItemsRequest r -> r.transactItems().forEach(i -> calls.add(transactWrite(i)));
            case SendEmailRequest r -> calls.add(new Call(Grant.Resource.MAIL, "ses:SendEmail", "the mail domain"));
            case PutEventsRequest r -> calls.add(new Call(Grant.Resource.EVENT_BUS, "events:PutEvents", "the stage bus"));
            case GetObjectRequest r -> calls.add(rules.object("s3:GetObject", r.bucket(), r.key()));
            case HeadObjectRequest r -> calls.add(rules.object("s3:GetObject", r.bucket(), r.key()));
            case ListObjectsV2Request r -> calls.add(new Call(rules.ownsBucket(r.bucket()) && r.prefix() != null
                    && r.prefix().startsWith("uploads/") ? Grant.Resource.CONTENT_BUCKET : null, "s3:ListBucket",
                    r.bucket() + " prefix " + r.prefix()));
            case PutObjectRequest r -> calls.add(rules.object("s3:PutObject", r.bucket(), r.key()));
            case CopyObjectRequest r -> {
                // The SDK may have folded sourceBucket and sourceKey into copySource ("bucket/key") by now.
                String source = r.sourceBucket() != null ? r.sourceBucket() : r.copySource() == null ? null
                        : java.net.URLDecoder.decode(r.copySource(), java.nio.charset.StandardCharsets.UTF_8).replaceFirst("^/", "")
                                .replaceFirst("/.*", "");
                calls.add(rules.object("s3:GetObject", source, r.sourceKey()));
                calls.add(rules.object("s3:PutObject", r.destinationBucket(), r.destinationKey()));
            }
            case DeleteObjectRequest r -> calls.add(rules.object("s3:DeleteObject", r.bucket(), r.key()));
            case CreateMultipartUploadRequest r -> calls.add(rules.object("s3:PutObject", r.bucket(), r.key()));
            case UploadPartRequest r -> calls.add(rules.object("s3:PutObject", r.bucket(), r.key()));
            case CompleteMultipartUploadRequest r -> calls.add(rules.object("s3:PutObject", r.bucket(), r.key()));
            case AbortMultipartUploadRequest r -> calls.add(rules.object("s3:AbortMultipartUpload", r.bucket(), r.key()));
            case ListPartsRequest r -> calls.add(rules.object("s3:ListMultipartUploadParts", r.bucket(), r.key()));
            default -> calls.add(new Call(null, request.getClass().getSimpleName(), "anything"));
        }
        return calls;
    }

    private Call transactWrite(TransactWriteItem item) {
        if (item.put() != null) {
            return rules.table("PutItem", item.put().tableName());
        }
        if (item.update() != null) {
            return rules.table("UpdateItem", item.update().tableName());
        }
        if (item.delete() != null) {
            return rules.table("DeleteItem", item.delete().tableName());
        }
        return rules.table("ConditionCheckItem", item.conditionCheck().tableName());
    }
}
