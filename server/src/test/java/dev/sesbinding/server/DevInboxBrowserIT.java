package dev.sesbinding.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import io.vertx.core.json.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.Keys;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;

/**
 * The dev inbox at {@code /outbox/} in a real headless Chromium (Debian's, through its
 * chromedriver), against the server with an outbox component, fed through the HTTP API as an app
 * would feed it.
 */
class DevInboxBrowserIT {
  private static final String TITLE = "Dev inbox · ses-binding";

  /** A 1x1 PNG. */
  private static final byte[] PIXEL =
      Base64.getDecoder()
          .decode(
              "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==");

  @TempDir Path folder;
  private TestServer server;
  private HeadlessChromium browser;
  private HttpServer remote;
  private final Map<String, AtomicInteger> remoteRequests = new ConcurrentHashMap<>();
  private int browsers;

  @AfterEach
  void stop() {
    if (browser != null) {
      browser.close();
    }
    if (server != null) {
      server.close();
    }
    if (remote != null) {
      remote.stop(0);
    }
  }

  private void startBrowser(int width, int height) throws IOException {
    if (browser != null) {
      browser.close();
    }
    browser = HeadlessChromium.start(width, height, folder.resolve("browser-" + browsers++));
  }

  private void startServer(Map<String, String> env) throws IOException {
    server = TestServer.start(folder, env, List.of(TestServer.outboxComponent("ses")));
  }

  private String url(String path) {
    return "http://127.0.0.1:" + server.server.port() + path;
  }

  /** Sends through the HTTP API; returns the message id. */
  private String send(String data, String metadata, String... headers) {
    var response =
        server.post(
            "ses",
            "{\"operation\":\"create\",\"data\":" + data + ",\"metadata\":" + metadata + "}",
            headers);
    assertThat(response.statusCode()).as(response.bodyAsString()).isEqualTo(200);
    return response.bodyAsJsonObject().getString("messageId");
  }

  private String sendSimple(String subject, String to) {
    return send(
        quoted("<p>" + subject + "</p>"),
        "{\"emailTo\":" + quoted(to) + ",\"subject\":" + quoted(subject) + "}");
  }

  private static String quoted(String text) {
    return Json.encode(text);
  }

  /** The subjects listed now, read in one step: the list may be redrawn at any moment. */
  @SuppressWarnings("unchecked")
  private List<String> listedSubjects() {
    return (List<String>)
        browser.script(
            "return [...document.querySelectorAll('#emails td.subject a')]"
                + ".map(link => link.textContent)");
  }

  /** The outboxes' tabs as they read now. */
  @SuppressWarnings("unchecked")
  private List<String> outboxLinks() {
    return (List<String>)
        browser.script(
            "return [...document.querySelectorAll('#outboxes a')].map(link => link.textContent)");
  }

  private void openInbox() {
    browser.driver.get(url("/outbox/"));
    browser.waitUntil(d -> d.findElement(By.id("list-view")).isDisplayed());
  }

  private String header(String name) {
    return browser
        .driver
        .findElement(By.cssSelector("#headers dd[data-header='" + name + "']"))
        .getText();
  }

  @Test
  void emailsSentThroughTheHttpApiAppearInTheListNewestFirst() throws Exception {
    startServer(Map.of());
    String first = sendSimple("First", "ana@example.com");
    send(
        quoted("<p>Second</p>"),
        "{\"emailTo\":\"ana@example.com;ben@example.com\",\"emailCc\":\"cy@example.com\","
            + "\"emailBcc\":\"dee@example.com\",\"subject\":\"Second\"}");
    startBrowser(1280, 900);

    openInbox();
    browser.waitUntil(d -> listedSubjects().size() == 2);

    assertThat(listedSubjects()).containsExactly("Second", "First");
    assertThat(browser.driver.findElement(By.id("list-status")).getText())
        .isEqualTo("2 emails, newest first.");
    WebElement newest = browser.driver.findElements(By.cssSelector("#emails tbody tr")).get(0);
    WebElement recipients = newest.findElement(By.cssSelector("td.recipients details"));
    assertThat(recipients.findElement(By.tagName("summary")).getText())
        .isEqualTo("ana@example.com +3\nTo 2 · Cc 1 · Bcc 1");
    recipients.findElement(By.tagName("summary")).click();
    assertThat(recipients.findElement(By.tagName("dl")).getText())
        .contains("To (2)", "ben@example.com", "Cc (1)", "cy@example.com", "Bcc (1)")
        .contains("dee@example.com");
    assertThat(newest.findElement(By.cssSelector("td.from")).getText())
        .isEqualTo("from@example.com");
    long size =
        server
            .get("/v1.0/outbox/ses/newest")
            .bodyAsJsonObject()
            .getJsonArray("emails")
            .getJsonObject(0)
            .getLong("size");
    assertThat(newest.findElement(By.cssSelector("td.size")).getText())
        .isEqualTo(String.format(Locale.ROOT, "%.1f KB", size / 1024.0));
    WebElement oldest = browser.driver.findElements(By.cssSelector("#emails tbody tr")).get(1);
    assertThat(oldest.findElement(By.cssSelector("td.id")).getText()).isEqualTo(first);
  }

  @Test
  void searchKeepsTheEmailsWhoseAddressOrSubjectMatches() throws Exception {
    startServer(Map.of());
    sendSimple("Invoice 7", "ana@example.com");
    sendSimple("Welcome", "ben@example.com");
    sendSimple("Reminder", "ana@example.com");
    startBrowser(1280, 900);
    openInbox();
    browser.waitUntil(d -> listedSubjects().size() == 3);

    browser.driver.findElement(By.id("search")).sendKeys("ANA@");
    browser.waitUntil(d -> listedSubjects().size() == 2);
    assertThat(listedSubjects()).containsExactly("Reminder", "Invoice 7");
    assertThat(browser.driver.findElement(By.id("list-status")).getText())
        .isEqualTo("2 of 3 emails match \"ANA@\".");

    browser.driver.findElement(By.id("search")).clear();
    browser.driver.findElement(By.id("search")).sendKeys("welc");
    browser.waitUntil(d -> listedSubjects().equals(List.of("Welcome")));
  }

  @Test
  void anEmailsPageShowsEveryHeaderTheRenderedBodyTheTextAndTheAttachments() throws Exception {
    startServer(Map.of());
    String data =
        "{\"html\":\"<h1 id='greeting'>Hello Ana</h1><img id='logo' alt='logo' src='cid:logo'>\","
            + "\"text\":\"Hello Ana, in plain text\","
            + "\"attachments\":[{\"filename\":\"logo.png\",\"contentType\":\"image/png\","
            + "\"content\":\""
            + Base64.getEncoder().encodeToString(PIXEL)
            + "\",\"contentId\":\"logo\"},"
            + "{\"filename\":\"invoice.pdf\",\"contentType\":\"application/pdf\","
            + "\"content\":\"JVBERi0xLjQ=\"}]}";
    String id =
        send(
            data,
            "{\"emailFrom\":\"Shop <shop@example.com>\",\"emailTo\":\"ana@example.com\","
                + "\"emailCc\":\"cy@example.com\",\"emailBcc\":\"dee@example.com\","
                + "\"emailReplyTo\":\"help@example.com\",\"subject\":\"Your order\","
                + "\"configurationSet\":\"tracking\"}");
    startBrowser(1280, 900);
    openInbox();

    browser.waitUntil(d -> !listedSubjects().isEmpty());
    browser.driver.findElement(By.linkText("Your order")).click();
    browser.waitUntil(d -> d.findElement(By.id("email-view")).isDisplayed());

    assertThat(browser.driver.findElement(By.id("email-subject")).getText())
        .isEqualTo("Your order");
    assertThat(header("From")).isEqualTo("Shop <shop@example.com>");
    assertThat(header("To")).isEqualTo("ana@example.com");
    assertThat(header("Cc")).isEqualTo("cy@example.com");
    assertThat(header("Bcc")).isEqualTo("dee@example.com");
    assertThat(header("Reply-To")).isEqualTo("help@example.com");
    assertThat(header("Subject")).isEqualTo("Your order");
    assertThat(header("Configuration set")).isEqualTo("tracking");
    assertThat(header("Content type"))
        .as("the message's own type, not its HTML part's")
        .isEqualTo("multipart/mixed");
    assertThat(browser.driver.findElement(By.id("structure")).getText())
        .isEqualTo(
            String.join(
                "\n",
                "multipart/mixed",
                "multipart/alternative",
                "text/plain",
                "multipart/related",
                "text/html",
                "image/png (logo.png)",
                "application/pdf (invoice.pdf)"));
    assertThat(browser.driver.findElements(By.cssSelector("#structure > li > ul > li > ul > li")))
        .as("nested as sent: text and related inside alternative")
        .hasSize(2);
    assertThat(browser.driver.findElement(By.id("images-bar")).isDisplayed())
        .as("no remote image, so no notice about them")
        .isFalse();
    assertThat(header("Message id")).isEqualTo(id);
    assertThat(browser.driver.findElement(By.id("template-note")).isDisplayed()).isFalse();
    assertThat(browser.driver.findElement(By.id("text-body")).getText())
        .isEqualTo("Hello Ana, in plain text");
    assertThat(browser.driver.findElement(By.id("attachments")).getText())
        .contains("Download logo.png", "inline as cid:logo", "Download invoice.pdf")
        .contains("application/pdf, 8 B");
    WebElement frame = browser.driver.findElement(By.id("body-frame"));
    assertThat(frame.getDomAttribute("sandbox")).isEmpty();

    browser.driver.switchTo().frame(frame);
    assertThat(browser.driver.findElement(By.id("greeting")).getText()).isEqualTo("Hello Ana");
    Object logoWidth = browser.script("return document.getElementById('logo').naturalWidth");
    assertThat(logoWidth).as("the inline image, from its cid").isEqualTo(1L);
    browser.driver.switchTo().defaultContent();
  }

  @Test
  void anEmailsPageListsItsTagsReturnPathAndListUnsubscribe() throws Exception {
    startServer(Map.of());
    send(
        quoted("<p>Sale <img src='https://images.example.com/banner.png'></p>"),
        "{\"emailTo\":\"ana@example.com\",\"subject\":\"Spring sale\","
            + "\"tags\":\"campaign=spring;tier=gold\",\"returnPath\":\"bounces@example.com\","
            + "\"listUnsubscribe\":\"<https://example.com/u/1>\","
            + "\"listUnsubscribeOneClick\":\"true\","
            + "\"sourceArn\":\"arn:aws:ses:us-east-1:123456789012:identity/example.com\"}");
    startBrowser(1280, 900);
    openInbox();
    browser.waitUntil(d -> !listedSubjects().isEmpty());
    browser.driver.findElement(By.linkText("Spring sale")).click();
    browser.waitUntil(d -> d.findElement(By.id("email-view")).isDisplayed());

    assertThat(header("Tags")).isEqualTo("campaign=spring, tier=gold");
    assertThat(header("Return-Path")).isEqualTo("bounces@example.com");
    assertThat(header("List-Unsubscribe")).isEqualTo("<https://example.com/u/1> (one-click)");
    assertThat(header("Source ARN"))
        .isEqualTo("arn:aws:ses:us-east-1:123456789012:identity/example.com");
    assertThat(browser.driver.findElements(By.cssSelector("#headers dd[data-header='From ARN']")))
        .as("an ARN that is not set is not listed")
        .isEmpty();
    assertThat(header("Content type")).isEqualTo("multipart/alternative");
    assertThat(browser.driver.findElement(By.id("images-bar")).isDisplayed())
        .as("a remote image: the notice says it is blocked")
        .isTrue();
    assertThat(browser.driver.findElement(By.id("images-state")).getText())
        .isEqualTo("Remote images are blocked.");
  }

  @Test
  void aTemplatedEmailShowsItsTemplateAndDataAndSaysSesRendersIt() throws Exception {
    startServer(Map.of());
    send("{\"name\":\"Ana\"}", "{\"template\":\"welcome\",\"emailTo\":\"ana@example.com\"}");
    startBrowser(1280, 900);
    openInbox();
    browser.waitUntil(d -> listedSubjects().equals(List.of("(template welcome)")));

    browser.driver.findElement(By.linkText("(template welcome)")).click();
    browser.waitUntil(d -> d.findElement(By.id("email-view")).isDisplayed());

    assertThat(header("Template")).isEqualTo("welcome");
    assertThat(header("Template data")).isEqualTo("{\"name\":\"Ana\"}");
    assertThat(browser.driver.findElement(By.id("template-note")).isDisplayed()).isTrue();
    assertThat(browser.driver.findElement(By.id("html-part")).isDisplayed()).isFalse();
    assertThat(browser.driver.findElement(By.id("download-eml")).isDisplayed()).isFalse();
  }

  @Test
  void attachmentsAndTheEmlDownloadThroughTheTokenHeader() throws Exception {
    startServer(Map.of("DAPR_API_TOKEN", "download-token"));
    byte[] pdf = "%PDF-1.4 invoice".getBytes(StandardCharsets.UTF_8);
    send(
        "{\"html\":\"<p>Invoice attached</p>\",\"attachments\":[{\"filename\":\"invoice.pdf\","
            + "\"contentType\":\"application/pdf\",\"content\":\""
            + Base64.getEncoder().encodeToString(pdf)
            + "\"}]}",
        "{\"emailTo\":\"ana@example.com\",\"subject\":\"Invoice\"}",
        "dapr-api-token",
        "download-token");
    startBrowser(1280, 900);
    browser.driver.get(url("/outbox/"));
    browser.waitUntil(d -> d.findElement(By.id("token-view")).isDisplayed());
    browser.driver.findElement(By.id("token")).sendKeys("download-token", Keys.ENTER);
    browser.waitUntil(d -> listedSubjects().equals(List.of("Invoice")));
    browser.driver.findElement(By.linkText("Invoice")).click();
    browser.waitUntil(d -> d.findElement(By.id("email-view")).isDisplayed());

    browser.driver.findElement(By.xpath("//button[.='Download invoice.pdf']")).click();
    Path saved = browser.downloads.resolve("invoice.pdf");
    browser.waitUntil(d -> Files.isRegularFile(saved));
    browser.driver.findElement(By.id("download-eml")).click();
    browser.waitUntil(d -> emlIn(browser.downloads) != null);

    browser.waitUntil(d -> sizeOf(saved) == pdf.length);
    assertThat(Files.readAllBytes(saved)).isEqualTo(pdf);
    Path eml = emlIn(browser.downloads);
    browser.waitUntil(d -> sizeOf(eml) > 0);
    assertThat(Files.readString(eml))
        .contains("Subject: Invoice", "<p>Invoice attached</p>", "filename=invoice.pdf");
  }

  private static Path emlIn(Path folder) {
    try (var files = Files.list(folder)) {
      return files.filter(f -> f.toString().endsWith(".eml")).findFirst().orElse(null);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static long sizeOf(Path file) {
    try {
      return Files.size(file);
    } catch (IOException e) {
      return -1;
    }
  }

  @Test
  void eachOutboxComponentHasItsOwnList() throws Exception {
    server =
        TestServer.start(
            folder,
            Map.of(),
            List.of(TestServer.outboxComponent("ses"), TestServer.outboxComponent("alerts")));
    sendSimple("To customers", "ana@example.com");
    startBrowser(1280, 900);
    browser.driver.get(url("/outbox/#/alerts"));
    browser.waitUntil(d -> d.findElement(By.id("list-view")).isDisplayed());
    assertThat(browser.driver.findElement(By.id("list-title")).getText())
        .isEqualTo("Outbox alerts");
    assertThat(browser.driver.findElement(By.id("list-status")).getText())
        .startsWith("No emails yet.");

    var alert =
        server.post(
            "alerts",
            "{\"operation\":\"create\",\"data\":\"<p>Disk full</p>\",\"metadata\":"
                + "{\"emailTo\":\"ops@example.com\",\"subject\":\"Disk full\"}}");
    assertThat(alert.statusCode()).isEqualTo(200);
    browser.waitUntil(d -> listedSubjects().equals(List.of("Disk full")));
    browser.waitUntil(d -> Set.copyOf(outboxLinks()).equals(Set.of("ses (1)", "alerts (1)")));

    browser.driver.findElement(By.linkText("ses (1)")).click();
    browser.waitUntil(d -> listedSubjects().equals(List.of("To customers")));
    assertThat(browser.driver.findElement(By.id("list-title")).getText()).isEqualTo("Outbox ses");

    browser.driver.get(url("/outbox/#/nope"));
    browser.waitUntil(
        d -> d.findElement(By.id("error")).getText().equals("couldn't find output binding nope"));
    assertThat(listedSubjects()).as("no other outbox's rows linger").isEmpty();
  }

  /** A remote host for an email's images and links: counts every request by path. */
  private String startRemote() throws IOException {
    remote = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    remote.createContext(
        "/",
        exchange -> {
          remoteRequests
              .computeIfAbsent(exchange.getRequestURI().getPath(), p -> new AtomicInteger())
              .incrementAndGet();
          exchange.getResponseHeaders().add("Content-Type", "image/png");
          exchange.sendResponseHeaders(200, PIXEL.length);
          exchange.getResponseBody().write(PIXEL);
          exchange.close();
        });
    remote.start();
    return "http://127.0.0.1:" + remote.getAddress().getPort();
  }

  private int remoteHits(String path) {
    AtomicInteger hits = remoteRequests.get(path);
    return hits == null ? 0 : hits.get();
  }

  private static String hostileEmail(String remote) {
    return "<html><head>"
        + "<meta http-equiv='refresh' content='0;url="
        + remote
        + "/refresh'>"
        + "<base href='"
        + remote
        + "/base/'>"
        + "<link rel='preconnect' href='"
        + remote
        + "/preconnect'>"
        + "<link rel='dns-prefetch' href='"
        + remote
        + "/dns-prefetch'>"
        + "<link rel='stylesheet' href='"
        + remote
        + "/style.css'>"
        + "<style>@import url("
        + remote
        + "/import.css); body{background:url("
        + remote
        + "/background.png)} .cover{position:fixed;top:0;left:0;width:100vw;height:100vh;"
        + "z-index:2147483646;background:red}</style></head><body>"
        + "<div class='cover' id='cover'>covered</div>"
        + "<script>parent.document.title='pwned';document.title='pwned';"
        + "fetch('"
        + remote
        + "/script')</script>"
        + "<img src='nothing.png' onerror=\"parent.document.title='pwned';"
        + "new Image().src='"
        + remote
        + "/onerror'\">"
        + "<a id='js' style='position:relative;z-index:2147483647'"
        + " href=\"javascript:parent.document.title='pwned'\">click me</a>"
        + "<iframe src='"
        + remote
        + "/nested'></iframe>"
        + "<object data='"
        + remote
        + "/object'></object>"
        + "<img id='remote' src='"
        + remote
        + "/pixel.png'>"
        + "</body></html>";
  }

  @Test
  void aHostileEmailChangesNothingOutsideItsFrameAndConnectsNowhereUntilImagesAreAllowed()
      throws Exception {
    startServer(Map.of());
    String remote = startRemote();
    String subject = "<img src=x onerror=\"document.title='pwned'\"> Win";
    String id =
        send(
            quoted(hostileEmail(remote)),
            "{\"emailTo\":\"ana@example.com\",\"subject\":" + quoted(subject) + "}");
    String page = url("/outbox/#/ses/" + id);
    startBrowser(1280, 900);
    browser.driver.get(page);
    browser.waitUntil(d -> d.findElement(By.id("email-view")).isDisplayed());
    browser.driver.switchTo().frame(browser.driver.findElement(By.id("body-frame")));
    browser.waitUntil(d -> d.findElement(By.id("cover")).isDisplayed());
    browser.driver.findElement(By.id("js")).click(); // scripts are off: nothing runs
    browser.driver.switchTo().defaultContent();
    browser.pause(2000); // time for a refresh, a script or a preload to act, were any allowed

    assertThat(browser.driver.getTitle()).isEqualTo(TITLE);
    assertThat(browser.driver.getCurrentUrl()).isEqualTo(page);
    assertThat(browser.driver.findElement(By.id("email-subject")).getText()).isEqualTo(subject);
    assertThat(browser.driver.findElements(By.cssSelector("main img"))).isEmpty();
    assertThat(browser.browserLog())
        .as("the browser's own log of what it refused")
        .contains("Loading the image '" + remote + "/pixel.png' violates")
        .contains("Blocked script execution in 'about:srcdoc'");
    // the red cover stays inside its frame: the button above the frame takes the click
    browser.driver.findElement(By.id("show-images")).click();
    browser.waitUntil(d -> remoteHits("/pixel.png") > 0);
    String hostAndPort = remote.substring("http://".length());
    String before = browser.quitAndReadNetLog();
    assertThat(before).contains(remote + "/pixel.png"); // the NetLog does record the host

    startBrowser(1280, 900); // again, and this time leave images blocked
    remoteRequests.clear();
    browser.driver.get(page);
    browser.waitUntil(d -> d.findElement(By.id("email-view")).isDisplayed());
    browser.pause(2000);
    assertThat(browser.driver.findElement(By.id("images-state")).getText())
        .isEqualTo("Remote images are blocked.");
    String blocked = browser.quitAndReadNetLog();

    assertThat(blocked)
        .as("the browser's NetLog: no lookup, connection or request to the remote host")
        .doesNotContain(hostAndPort);
    assertThat(remoteRequests).as("requests the remote host got").isEmpty();
    assertThat(before)
        .as("once allowed, images only: never a frame, an object, a stylesheet or a script")
        .doesNotContain(
            remote + "/nested",
            remote + "/object",
            remote + "/style.css",
            remote + "/import.css",
            remote + "/preconnect",
            remote + "/script",
            remote + "/onerror",
            remote + "/refresh");
  }

  @Test
  void clearEmptiesTheList() throws Exception {
    startServer(Map.of());
    sendSimple("One", "ana@example.com");
    sendSimple("Two", "ana@example.com");
    startBrowser(1280, 900);
    openInbox();
    browser.waitUntil(d -> listedSubjects().size() == 2);

    browser.driver.findElement(By.id("clear")).click();

    browser.waitUntil(d -> listedSubjects().isEmpty());
    assertThat(browser.driver.findElement(By.id("list-status")).getText())
        .startsWith("No emails yet.");
    assertThat(server.get("/v1.0/outbox/ses").bodyAsJsonObject().getJsonArray("emails")).isEmpty();
  }

  @Test
  void theTokenFlowRefusesWithoutTheTokenAndWorksWithIt() throws Exception {
    startServer(Map.of("DAPR_API_TOKEN", "inbox-secret-token"));
    send(
        quoted("<p>Behind a token</p>"),
        "{\"emailTo\":\"ana@example.com\",\"subject\":\"Guarded\"}",
        "dapr-api-token",
        "inbox-secret-token");
    assertThat(server.get("/v1.0/outbox/ses/newest").statusCode()).isEqualTo(401);
    startBrowser(1280, 900);

    browser.driver.get(url("/outbox/"));
    browser.waitUntil(d -> d.findElement(By.id("token-view")).isDisplayed());
    assertThat(browser.driver.findElement(By.id("list-view")).isDisplayed()).isFalse();
    assertThat(browser.driver.getPageSource()).doesNotContain("Guarded");

    browser.driver.findElement(By.id("token")).sendKeys("wrong-token", Keys.ENTER);
    browser.waitUntil(
        d ->
            d.findElement(By.id("token-error")).getText().equals("The server refused that token."));
    assertThat(browser.driver.getPageSource()).doesNotContain("Guarded");

    browser.driver.findElement(By.id("token")).sendKeys("inbox-secret-token", Keys.ENTER);
    browser.waitUntil(d -> listedSubjects().equals(List.of("Guarded")));

    assertThat(browser.script("return sessionStorage.getItem(arguments[0])", tokenKey()))
        .isEqualTo("inbox-secret-token");
    assertThat(browser.script("return document.cookie")).isEqualTo("");
    assertThat(browser.driver.getCurrentUrl()).doesNotContain("inbox-secret-token");
    browser.driver.navigate().refresh(); // asked once: the tab keeps it
    browser.waitUntil(d -> listedSubjects().equals(List.of("Guarded")));
    assertThat(browser.driver.findElement(By.id("token-view")).isDisplayed()).isFalse();
    assertThat(browser.quitAndReadNetLog())
        .as("the browser's NetLog: the token went in the header, never in a URL")
        .contains("dapr-api-token: inbox-secret-token")
        .doesNotContainPattern("\"url\": ?\"[^\"]*inbox-secret-token");
  }

  private static String tokenKey() {
    return "ses-binding.dapr-api-token";
  }

  @Test
  void aNewEmailAppearsWithoutAReload() throws Exception {
    startServer(Map.of());
    sendSimple("Before", "ana@example.com");
    startBrowser(1280, 900);
    openInbox();
    browser.waitUntil(d -> listedSubjects().equals(List.of("Before")));
    browser.script("window.sameDocument = 'yes'");

    sendSimple("After", "ben@example.com");

    browser.waitUntil(d -> listedSubjects().equals(List.of("After", "Before")));
    assertThat(browser.script("return window.sameDocument")).isEqualTo("yes");
  }

  @Test
  void theKeyboardAloneReachesAndOpensAnEmail() throws Exception {
    startServer(Map.of());
    sendSimple("By keyboard", "ana@example.com");
    startBrowser(1280, 900);
    openInbox();
    browser.waitUntil(d -> listedSubjects().size() == 1);
    browser.driver.findElement(By.id("search")).click();

    for (int tabs = 0; tabs < 10 && !focusedText().equals("By keyboard"); tabs++) {
      browser.driver.switchTo().activeElement().sendKeys(Keys.TAB);
    }
    assertThat(focusedText()).isEqualTo("By keyboard");
    browser.driver.switchTo().activeElement().sendKeys(Keys.ENTER);

    browser.waitUntil(d -> d.findElement(By.id("email-view")).isDisplayed());
    assertThat(browser.driver.findElement(By.id("email-subject")).getText())
        .isEqualTo("By keyboard");
  }

  private String focusedText() {
    return browser.driver.switchTo().activeElement().getText();
  }

  @Test
  void onAPhoneNothingIsWiderThanTheScreen() throws Exception {
    startServer(Map.of());
    send(
        quoted("<p>Small screens</p>"),
        "{\"emailTo\":\"a-rather-long-address-for-a-phone@example.com;ben@example.com\","
            + "\"subject\":\"A subject long enough to wrap on a phone's narrow screen\"}");
    browser = HeadlessChromium.startPhone(folder.resolve("phone"));
    openInbox();
    browser.waitUntil(d -> listedSubjects().size() == 1);
    assertThat(browser.script("return window.innerWidth")).isEqualTo(390L);

    assertThat(browser.script("return document.documentElement.scrollWidth <= window.innerWidth"))
        .isEqualTo(true);
    screenshot("dev-inbox-phone.png");
    browser.driver.findElement(By.cssSelector("#emails td.subject a")).click();
    browser.waitUntil(d -> d.findElement(By.id("email-view")).isDisplayed());
    assertThat(browser.script("return document.documentElement.scrollWidth <= window.innerWidth"))
        .isEqualTo(true);
    screenshot("dev-inbox-phone-email.png");
  }

  /** The README's pictures, as a team might see them: the list and an email, under target/. */
  @Test
  void takesTheReadmeScreenshots() throws Exception {
    startServer(Map.of());
    send(
        quoted("<p>Your password was changed.</p>"),
        "{\"emailTo\":\"ana@example.com\",\"subject\":\"Your password was changed\"}");
    send(
        "{\"html\":\"<h1>Invoice 1042</h1>\",\"text\":\"Invoice 1042\",\"attachments\":"
            + "[{\"filename\":\"invoice-1042.pdf\",\"contentType\":\"application/pdf\","
            + "\"content\":\"JVBERi0xLjQ=\"}]}",
        "{\"emailTo\":\"ben@example.com\",\"emailCc\":\"accounts@example.com\","
            + "\"subject\":\"Invoice 1042\"}");
    send(
        "{\"html\":"
            + quoted(
                "<div style='font-family:sans-serif;max-width:36rem;margin:auto'>"
                    + "<h1 style='color:#0b5cad'>Welcome, Ana!</h1>"
                    + "<p>Thanks for joining the shop. Your first order ships free.</p>"
                    + "<p><a href='https://shop.example.com/start' style='background:#0b5cad;"
                    + "color:#fff;padding:.6rem 1rem;border-radius:6px;text-decoration:none'>"
                    + "Start shopping</a></p>"
                    + "<img src='https://shop.example.com/banner.png' alt='(banner)'></div>")
            + ",\"text\":\"Welcome, Ana! Thanks for joining the shop.\"}",
        "{\"emailFrom\":\"Shop <hello@shop.example.com>\","
            + "\"emailTo\":\"ana@example.com;ben@example.com;cy@example.com\","
            + "\"emailBcc\":\"audit@example.com\",\"emailReplyTo\":\"help@shop.example.com\","
            + "\"subject\":\"Welcome to the shop\",\"configurationSet\":\"tracking\"}");
    startBrowser(1200, 700);
    openInbox();
    browser.waitUntil(d -> listedSubjects().size() == 3);
    Path list = screenshot("dev-inbox.png");

    browser.driver.findElement(By.linkText("Welcome to the shop")).click();
    browser.waitUntil(d -> d.findElement(By.id("email-view")).isDisplayed());
    browser.driver.manage().window().setSize(new Dimension(1200, 1000));
    Path email = screenshot("dev-inbox-email.png");

    assertThat(Files.size(list)).isGreaterThan(10_000);
    assertThat(Files.size(email)).isGreaterThan(10_000);
  }

  private Path screenshot(String name) throws IOException {
    Path shot = Path.of("target", name);
    Files.createDirectories(shot.getParent());
    Files.copy(
        browser.driver.getScreenshotAs(OutputType.FILE).toPath(),
        shot,
        StandardCopyOption.REPLACE_EXISTING);
    return shot;
  }
}
