package fr.eterrain.local.console;

import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import fr.eterrain.local.Emails;
import fr.eterrain.local.TestStack;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * The console's browser tests' base: one headless Chromium (Debian's, with its chromedriver) for the whole test
 * JVM, on the one shared {@link TestStack}. A JUnit extension: {@code @ExtendWith(ConsoleBrowser.class)}, then a
 * {@code ConsoleBrowser} test parameter. Helpers: {@link #signIn} with the code from the SES inbox, {@link #axe}
 * (axe-core from web/console/node_modules, fails on serious or critical violations), {@link #screenshot} at 1280
 * and 390 px under target/screenshots/.
 *
 * <p>Without Chromium the tests cannot run: with {@code CI=true} that is a failure (never a silent skip);
 * elsewhere they are skipped with the command that installs it ({@code make test} installs it when it can).
 */
public final class ConsoleBrowser implements BeforeAllCallback, ParameterResolver {
    public static final Path SHOTS = Path.of("target", "screenshots").toAbsolutePath();
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern CODE = Pattern.compile("(?<![\\d])(\\d{6})(?![\\d])");
    private static final Duration WAIT = Duration.ofSeconds(15);
    private static ConsoleBrowser shared;

    private final TestStack stack;
    private final ChromeDriver driver;

    private ConsoleBrowser(TestStack stack, ChromeDriver driver) {
        this.stack = stack;
        this.driver = driver;
    }

    /** For JUnit: the extension instance itself holds nothing; the browser is the JVM's one. */
    public ConsoleBrowser() {
        this.stack = null;
        this.driver = null;
    }

    static Optional<Path> executable(String env, String... candidates) {
        List<String> all = new ArrayList<>();
        Optional.ofNullable(System.getenv(env)).filter(s -> !s.isBlank()).ifPresent(all::add);
        all.addAll(List.of(candidates));
        for (String candidate : all) {
            if (candidate.contains("/")) {
                if (Files.isExecutable(Path.of(candidate))) {
                    return Optional.of(Path.of(candidate));
                }
                continue;
            }
            for (String dir : System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator)) {
                if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, candidate))) {
                    return Optional.of(Path.of(dir, candidate));
                }
            }
        }
        return Optional.empty();
    }

    public static Optional<Path> chromium() {
        return executable("CHROMIUM", "chromium", "chromium-browser", "google-chrome", "google-chrome-stable");
    }

    public static Optional<Path> chromedriver() {
        return executable("CHROMEDRIVER", "/usr/bin/chromedriver", "chromedriver");
    }

    /** Fails in CI, skips with the fix elsewhere, when the browser or its driver is missing. */
    public static void requireBrowser() {
        if (chromium().isPresent() && chromedriver().isPresent()) {
            return;
        }
        String message = "Chromium and chromedriver are needed by the console's browser tests: "
                + "apt-get install chromium chromium-driver (make test does it when run as root), "
                + "or set CHROMIUM and CHROMEDRIVER";
        if ("true".equalsIgnoreCase(System.getenv("CI"))) {
            Assertions.fail("CI: " + message);
        }
        Assumptions.abort(message);
    }

    public static synchronized ConsoleBrowser get() {
        requireBrowser();
        if (shared == null) {
            Path vendor = fr.eterrain.local.ProjectRoot.find().resolve("web/console/vendor/htm-preact.js");
            if (!Files.isRegularFile(vendor)) {
                Assertions.fail("The console's view library is missing (" + vendor + "): run make console (make test does)");
            }
            TestStack stack = TestStack.get();
            ChromeOptions options = new ChromeOptions();
            options.setBinary(chromium().orElseThrow().toFile());
            Path profile;
            try {
                profile = Files.createTempDirectory("console-chromium");
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                    "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run",
                    "--disable-default-apps", "--disable-extensions", "--hide-scrollbars", "--lang=fr-FR",
                    "--user-data-dir=" + profile, "--window-size=1280,900");
            ChromeDriverService service = new ChromeDriverService.Builder()
                    .usingDriverExecutable(chromedriver().orElseThrow().toFile()).usingAnyFreePort().build();
            ChromeDriver driver = new ChromeDriver(service, options);
            driver.manage().timeouts().scriptTimeout(Duration.ofSeconds(60));
            Runtime.getRuntime().addShutdownHook(new Thread(driver::quit, "console-browser-shutdown"));
            shared = new ConsoleBrowser(stack, driver);
        }
        return shared;
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        get();
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext extension) {
        return parameter.getParameter().getType() == ConsoleBrowser.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext extension) {
        return get();
    }

    // --- Driving ------------------------------------------------------------------------------------------

    public ChromeDriver driver() {
        return driver;
    }

    public TestStack stack() {
        return stack;
    }

    public String url() {
        return stack.apiUrl();
    }

    /** Opens a console route ("/f/06/contacts") and waits for its screen to be drawn. */
    public void open(String route) {
        driver.get(url() + "/#" + route);
        settle();
    }

    /** Waits until the screen has drawn: no loading state left, and the module's markup in the main area. */
    public void settle() {
        js("if (!window.__consoleErrors) { window.__consoleErrors = [];"
                + " window.addEventListener('error', e => window.__consoleErrors.push(String(e.message)));"
                + " window.addEventListener('unhandledrejection', e => window.__consoleErrors.push(String(e.reason && (e.reason.stack || e.reason)))); }");
        // The shell marks its main area with the address it drew: a screen of the previous address is not "loaded".
        waitUntil(() -> Boolean.TRUE.equals(js("const m = document.querySelector('main');"
                + "return document.readyState === 'complete' && !!m && m.dataset.route === location.hash"
                + " && !document.querySelector('.state-loading, .boot')")), "the screen finished loading");
    }

    public Object js(String script, Object... args) {
        return ((JavascriptExecutor) driver).executeScript(script, args);
    }

    public WebElement find(String css) {
        waitUntil(() -> !driver.findElements(By.cssSelector(css)).isEmpty(), css + " appears");
        return driver.findElement(By.cssSelector(css));
    }

    public List<WebElement> all(String css) {
        return driver.findElements(By.cssSelector(css));
    }

    /** The first button or link whose text contains this, waiting for it. */
    public WebElement button(String text) {
        String xpath = "//*[self::button or self::a][contains(normalize-space(.), " + xpathLiteral(text) + ")]";
        try {
            waitUntil(() -> !driver.findElements(By.xpath(xpath)).isEmpty(), "a button \"" + text + "\"");
        } catch (AssertionError e) {
            throw new AssertionError(e.getMessage() + " at " + driver.getCurrentUrl() + "; markup: "
                    + abbreviate(String.valueOf(js("return document.body.innerHTML")))
                    + "\nscript errors: " + js("return JSON.stringify(window.__consoleErrors || [])"), e);
        }
        return driver.findElement(By.xpath(xpath));
    }

    private static String xpathLiteral(String s) {
        return s.contains("'") ? "\"" + s + "\"" : "'" + s + "'";
    }

    public void type(String css, String text) {
        WebElement field = find(css);
        field.clear();
        field.sendKeys(text);
    }

    public String text() {
        // The browser's own rendered text: faster than WebDriver's, and the same words a person sees.
        return String.valueOf(js("return document.body.innerText"));
    }

    /** Waits for the page to show this text. */
    public void waitForText(String text) {
        try {
            waitUntil(() -> text().contains(text), "the page shows \"" + text + "\"");
        } catch (AssertionError e) {
            throw new AssertionError(e.getMessage() + " at " + driver.getCurrentUrl() + "; it shows: " + abbreviate(text())
                    + "\nmarkup: " + abbreviate(String.valueOf(js("return document.body.innerHTML")))
                    + "\nscript errors: " + js("return JSON.stringify(window.__consoleErrors || [])"), e);
        }
    }

    private static String abbreviate(String s) {
        return s.length() > 1500 ? s.substring(0, 1500) + "…" : s;
    }

    public void waitUntil(Supplier<Boolean> condition, String what) {
        long deadline = System.nanoTime() + WAIT.toNanos();
        RuntimeException last = null;
        while (System.nanoTime() < deadline) {
            try {
                if (Boolean.TRUE.equals(condition.get())) {
                    return;
                }
                last = null;
            } catch (org.openqa.selenium.WebDriverException e) {
                last = e; // the page was being replaced: look again
            }
            sleep(50);
        }
        throw new AssertionError("timed out waiting until " + what, last);
    }

    // --- People and sign-in -------------------------------------------------------------------------------

    /**
     * A new active person of this federation (or HQ) with this role, made as {@code make invite} does (no key may
     * carry people:manage): returns the address to sign in with.
     */
    public String person(String fed, String role, boolean send, String displayName) {
        String email = TestStack.uniqueEmail(role);
        var platform = new fr.eterrain.core.Platform(stack.settings());
        var person = platform.people().bootstrap(fed, email, displayName, role, "test");
        if (person.send() != send) {
            platform.peopleStore().update(person.withRole(role, send, displayName));
        }
        return email;
    }

    /** The token of the newest invitation email to this address, as the console's #/invitation?t= link carries. */
    public String invitationToken(JsonNode email) {
        String link = Emails.link(email, "#/invitation?t=");
        return java.net.URLDecoder.decode(link.substring(link.indexOf("t=") + 2), java.nio.charset.StandardCharsets.UTF_8);
    }

    /** Emails an address has received after it had {@code before} of them. */
    public JsonNode awaitNewEmail(String address, int before) {
        stack.awaitEvents();
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (true) {
            List<JsonNode> emails = stack.emailsTo(address);
            if (emails.size() > before) {
                return emails.get(emails.size() - 1);
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("no new email to " + address);
            }
            sleep(100);
        }
    }

    /** The 6-digit code of a sign-in email. */
    public static String code(JsonNode email) {
        String text = email.path("body").path("text").asText() + " " + email.path("subject").asText();
        Matcher matcher = CODE.matcher(text);
        assertTrue(matcher.find(), "a 6-digit code in " + text);
        return matcher.group(1);
    }

    /** Signs in through the console's sign-in screen with the code from the SES inbox; lands on the home. */
    public void signIn(String email) {
        signOutQuietly();
        open("/connexion");
        int before = stack.emailsTo(email).size();
        type("#email", email);
        button("Recevoir un code").click();
        find("#code");
        type("#code", code(awaitNewEmail(email, before)));
        button("Me connecter").click();
        waitUntil(() -> driver.getCurrentUrl().contains("#/f/"), "the console opens after signing in");
        settle();
    }

    /** Forgets any session this browser has (the cookie), without going through the screens. */
    public void signOutQuietly() {
        if (driver.getCurrentUrl().startsWith("http")) {
            driver.manage().deleteAllCookies();
        }
    }

    // --- Checks and pictures ------------------------------------------------------------------------------

    /** Runs axe-core on the page; fails on any serious or critical violation, naming the elements. */
    @SuppressWarnings("unchecked")
    public void axe(String where) {
        if (Boolean.FALSE.equals(js("return typeof window.axe !== 'undefined'"))) {
            js(axeSource());
        }
        Object result = ((JavascriptExecutor) driver).executeAsyncScript(
                "const done = arguments[arguments.length - 1];"
                        + "axe.run(document, {resultTypes: ['violations']}).then(r => done(JSON.stringify(r.violations)),"
                        + " e => done(JSON.stringify([{id: 'axe-error', impact: 'critical', help: String(e), nodes: []}])));");
        try {
            JsonNode violations = JSON.readTree((String) result);
            List<String> bad = new ArrayList<>();
            for (JsonNode v : violations) {
                String impact = v.path("impact").asText();
                if (impact.equals("serious") || impact.equals("critical")) {
                    List<String> targets = new ArrayList<>();
                    v.path("nodes").forEach(n -> targets.add(n.path("target").toString() + " " + n.path("failureSummary").asText()));
                    bad.add(impact + " " + v.path("id").asText() + ": " + v.path("help").asText() + " " + targets);
                }
            }
            assertTrue(bad.isEmpty(), "axe-core on " + where + ":\n" + String.join("\n", bad));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String axeSource;

    private static synchronized String axeSource() {
        if (axeSource == null) {
            Path file = fr.eterrain.local.ProjectRoot.find().resolve("web/console/node_modules/axe-core/axe.min.js");
            try {
                axeSource = Files.readString(file);
            } catch (IOException e) {
                throw new UncheckedIOException("axe-core missing (" + file + "): run make console", e);
            }
        }
        return axeSource;
    }

    /**
     * Full-page screenshots at 1280 and 390 px wide: target/screenshots/{name}-1280.png and -390.png. At 390 px
     * the page must not scroll sideways.
     */
    public void screenshot(String name) {
        shoot(name, 1280, false);
        shoot(name, 390, true);
    }

    /** Checks (and pictures) the page at a phone's width only. */
    public void screenshotPhone(String name) {
        shoot(name, 390, true);
    }

    private void shoot(String name, int width, boolean mobile) {
        try {
            Files.createDirectories(SHOTS);
            driver.executeCdpCommand("Emulation.setDeviceMetricsOverride",
                    Map.of("width", width, "height", 900, "deviceScaleFactor", 1, "mobile", mobile));
            sleep(150); // a layout pass at the new width
            long scrollWidth = ((Number) js("return document.documentElement.scrollWidth")).longValue();
            if (width == 390) {
                assertTrue(scrollWidth <= width, name + " scrolls sideways at 390 px: " + scrollWidth + " px wide; widest: "
                        + js("let w=null,m=0;document.querySelectorAll('body *').forEach(e=>{const r=e.getBoundingClientRect();"
                        + "if(r.right>m){m=r.right;w=e.tagName+'.'+e.className+'#'+e.id;}});return w+' '+m;"));
            }
            long height = Math.min(((Number) js("return Math.max(document.documentElement.scrollHeight, document.body.scrollHeight)")).longValue(), 8000);
            Map<String, Object> shot = driver.executeCdpCommand("Page.captureScreenshot", Map.of("format", "png",
                    "captureBeyondViewport", true,
                    "clip", Map.of("x", 0, "y", 0, "width", width, "height", height, "scale", 1)));
            Files.write(SHOTS.resolve(name + "-" + width + ".png"), Base64.getDecoder().decode((String) shot.get("data")));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            driver.executeCdpCommand("Emulation.clearDeviceMetricsOverride", Map.of());
        }
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
