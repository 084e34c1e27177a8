package fr.eterrain.bench.probe;

import com.amazonaws.services.lambda.runtime.ClientContext;
import com.amazonaws.services.lambda.runtime.CognitoIdentity;
import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.LambdaLogger;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * One cold start, in the JVM this {@code main} runs in: loads a handler class from the classpath, constructs it
 * with its public no-arg constructor (as the Lambda Java runtime does, so it reads its settings from the
 * environment), hands it one event through {@code handleRequest(InputStream, OutputStream, Context)} and prints
 * a single machine-readable line on stdout, then exits:
 *
 * <pre>
 * ANSWERED init_ms=812.4 invoke_ms=603.1 status=200 bytes=431
 * FAILED phase=invoke error=java.lang.IllegalStateException: missing setting HASH_KEY
 * </pre>
 *
 * {@code init_ms}: class loading and construction; {@code invoke_ms}: the first {@code handleRequest};
 * {@code status}: the payload 2.0 response's {@code statusCode}, {@code -} when the answer has none (event
 * functions). The time before {@code main} (JVM start) is measured by whoever started this process.
 *
 * <p>Kept small and free of lambdas, {@code String.format} and indy string concatenation, so the probe adds
 * as little as possible to what it measures (and the same to the function and to the reference).
 */
public final class ColdStartProbe {
    public static final String ANSWERED = "ANSWERED ";
    public static final String FAILED = "FAILED ";
    /** Third argument: run the function's SnapStart priming hooks first, then time the first and warm answers. */
    public static final String PRIMED = "primed";
    static final int WARM_RUNS = 9;
    /** What fr.eterrain.core.aws.CracHook's beforeCheckpoint and afterRestore call. */
    static final String PRIMING = "fr.eterrain.core.aws.Priming";

    private ColdStartProbe() {
    }

    public static void main(String[] args) {
        if (args.length != 2 && !(args.length == 3 && args[2].equals(PRIMED))) {
            System.err.println("usage: ColdStartProbe <handler class> <event file> [primed]");
            System.exit(2);
        }
        PrintStream out = System.out;
        long t0 = System.nanoTime();
        RequestStreamHandler handler;
        try {
            Object instance = Class.forName(args[0]).getDeclaredConstructor().newInstance();
            if (!(instance instanceof RequestStreamHandler)) {
                fail(out, "init", new IllegalArgumentException(new StringBuilder(args[0])
                        .append(" is not a RequestStreamHandler").toString()));
                return;
            }
            handler = (RequestStreamHandler) instance;
        } catch (Throwable e) {
            fail(out, "init", e);
            return;
        }
        long t1 = System.nanoTime();
        boolean primed = args.length == 3;
        double primeMs = -1;
        if (primed) {
            // SnapStart's stand-in, in this JVM: what the function's CRaC resource runs at checkpoint and at restore
            // (org.crac's global context refuses to be driven by hand on a JVM without CRaC).
            try {
                Class<?> priming = Class.forName(PRIMING);
                priming.getMethod("prime").invoke(null);
                priming.getMethod("restored").invoke(null);
            } catch (Throwable e) {
                fail(out, "prime", e);
                return;
            }
            primeMs = (System.nanoTime() - t1) / 1e6;
        }
        ByteArrayOutputStream output = new ByteArrayOutputStream();
        long t2;
        byte[] event;
        try {
            event = Files.readAllBytes(Path.of(args[1]));
            t2 = System.nanoTime();
            handler.handleRequest(new ByteArrayInputStream(event), output, new ProbeContext(t2));
        } catch (Throwable e) {
            fail(out, "invoke", e);
            return;
        }
        long t3 = System.nanoTime();
        byte[] answer = output.toByteArray();
        double warmMs = -1;
        if (primed) {
            // The warm reference: the same event again, median of WARM_RUNS answers of this container.
            double[] warm = new double[WARM_RUNS];
            try {
                for (int i = 0; i < WARM_RUNS; i++) {
                    long w = System.nanoTime();
                    handler.handleRequest(new ByteArrayInputStream(event), new ByteArrayOutputStream(), new ProbeContext(w));
                    warm[i] = (System.nanoTime() - w) / 1e6;
                }
            } catch (Throwable e) {
                fail(out, "warm", e);
                return;
            }
            java.util.Arrays.sort(warm);
            warmMs = warm[WARM_RUNS / 2];
        }
        out.println(new Answer((t1 - t0) / 1e6, (t3 - t2) / 1e6, statusCode(answer), answer.length, primeMs, warmMs).line());
        out.flush();
        System.exit(0);
    }

    private static void fail(PrintStream out, String phase, Throwable e) {
        e.printStackTrace();
        String message = String.valueOf(e).replace('\n', ' ').replace('\r', ' ');
        out.println(new StringBuilder(FAILED).append("phase=").append(phase).append(" error=").append(message));
        out.flush();
        System.exit(1);
    }

    /** The top-level {@code "statusCode"} of a payload 2.0 response, -1 when there is none. */
    static int statusCode(byte[] answer) {
        String text = new String(answer, StandardCharsets.ISO_8859_1);
        int at = text.indexOf("\"statusCode\"");
        if (at < 0) {
            return -1;
        }
        int i = text.indexOf(':', at);
        if (i < 0) {
            return -1;
        }
        i++;
        while (i < text.length() && Character.isWhitespace(text.charAt(i))) {
            i++;
        }
        int start = i;
        while (i < text.length() && Character.isDigit(text.charAt(i))) {
            i++;
        }
        return i == start ? -1 : Integer.parseInt(text.substring(start, i));
    }

    /**
     * What one probe run printed.
     *
     * @param status the response's statusCode, -1 when it has none
     */
    public record Answer(double initMs, double invokeMs, int status, int bytes, double primeMs, double warmMs) {
        public Answer(double initMs, double invokeMs, int status, int bytes) {
            this(initMs, invokeMs, status, bytes, -1, -1);
        }

        public String line() {
            StringBuilder line = new StringBuilder(ANSWERED).append("init_ms=").append(tenths(initMs))
                    .append(" invoke_ms=").append(tenths(invokeMs))
                    .append(" status=").append(status < 0 ? "-" : Integer.toString(status))
                    .append(" bytes=").append(bytes);
            if (primeMs >= 0) {
                line.append(" prime_ms=").append(tenths(primeMs)).append(" warm_ms=").append(tenths(warmMs));
            }
            return line.toString();
        }

        /** The ANSWERED line within {@code line} (anything before it ignored), or null when there is none or it is malformed. */
        public static Answer parse(String line) {
            int at = line == null ? -1 : line.indexOf(ANSWERED);
            if (at < 0) {
                return null;
            }
            Double init = null;
            Double invoke = null;
            Integer status = null;
            int bytes = -1;
            double prime = -1;
            double warm = -1;
            try {
                for (String field : line.substring(at + ANSWERED.length()).trim().split("\\s+")) {
                    int eq = field.indexOf('=');
                    if (eq <= 0) {
                        continue;
                    }
                    String key = field.substring(0, eq);
                    String value = field.substring(eq + 1);
                    switch (key) {
                        case "init_ms" -> init = Double.parseDouble(value);
                        case "invoke_ms" -> invoke = Double.parseDouble(value);
                        case "status" -> status = value.equals("-") ? -1 : Integer.parseInt(value);
                        case "bytes" -> bytes = Integer.parseInt(value);
                        case "prime_ms" -> prime = Double.parseDouble(value);
                        case "warm_ms" -> warm = Double.parseDouble(value);
                        default -> { }
                    }
                }
            } catch (NumberFormatException e) {
                return null;
            }
            return init == null || invoke == null || status == null ? null : new Answer(init, invoke, status, bytes, prime, warm);
        }

        private static String tenths(double ms) {
            long t = Math.round(ms * 10);
            return new StringBuilder().append(t / 10).append('.').append(t % 10).toString();
        }
    }

    /** What the Lambda runtime passes, as far as a handler can tell on its first invocation. */
    private static final class ProbeContext implements Context {
        private final long startNanos;
        private final String functionName;
        private final int memoryMb;
        private final int timeoutMs;

        ProbeContext(long startNanos) {
            this.startNanos = startNanos;
            this.functionName = env("AWS_LAMBDA_FUNCTION_NAME", "coldstart-probe");
            this.memoryMb = Integer.parseInt(env("AWS_LAMBDA_FUNCTION_MEMORY_SIZE", "1024"));
            this.timeoutMs = 1000 * Integer.parseInt(env("COLDSTART_TIMEOUT_SECONDS", "60"));
        }

        private static String env(String name, String fallback) {
            String value = System.getenv(name);
            return value == null || value.isEmpty() ? fallback : value;
        }

        @Override
        public String getAwsRequestId() {
            return "coldstart-probe";
        }

        @Override
        public String getLogGroupName() {
            return new StringBuilder("/aws/lambda/").append(functionName).toString();
        }

        @Override
        public String getLogStreamName() {
            return "coldstart-probe";
        }

        @Override
        public String getFunctionName() {
            return functionName;
        }

        @Override
        public String getFunctionVersion() {
            return "$LATEST";
        }

        @Override
        public String getInvokedFunctionArn() {
            return new StringBuilder("arn:aws:lambda:eu-west-3:000000000000:function:").append(functionName).toString();
        }

        @Override
        public CognitoIdentity getIdentity() {
            return null;
        }

        @Override
        public ClientContext getClientContext() {
            return null;
        }

        @Override
        public int getRemainingTimeInMillis() {
            return (int) Math.max(0, timeoutMs - (System.nanoTime() - startNanos) / 1_000_000);
        }

        @Override
        public int getMemoryLimitInMB() {
            return memoryMb;
        }

        @Override
        public LambdaLogger getLogger() {
            return new LambdaLogger() {
                @Override
                public void log(String message) {
                    System.err.print(message);
                }

                @Override
                public void log(byte[] message) {
                    System.err.write(message, 0, message.length);
                }
            };
        }
    }
}
