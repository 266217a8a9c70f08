package dev.sesbinding.server;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.function.Function;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.junit.jupiter.api.Assumptions;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Debian's Chromium, headless, driven by Debian's chromedriver through Selenium: never a driver or
 * browser downloaded. Where either is missing (install {@code chromium} and {@code
 * chromium-driver}; {@code .ci/run} does) the test is skipped with that reason.
 *
 * <p>The browser's own logs, from every process (a sandboxed frame runs in a process of its own,
 * which DevTools' page logs do not see): its log file, with each console message such as a refusal
 * by a Content-Security-Policy ({@link #browserLog()}), and its NetLog, every DNS lookup,
 * connection and request the network stack made ({@link #quitAndReadNetLog()}).
 */
final class HeadlessChromium implements AutoCloseable {
  static final Path BROWSER = Path.of("/usr/bin/chromium");
  static final Path DRIVER = Path.of("/usr/bin/chromedriver");

  /**
   * Selenium warns at each start that it has no DevTools (CDP) classes for this Chromium: these
   * tests use none. Held here, as java.util.logging keeps loggers only weakly.
   */
  @SuppressWarnings("UnusedVariable") // a strong reference is its whole purpose
  private static final Logger CDP_WARNINGS = quiet("org.openqa.selenium.devtools.CdpVersionFinder");

  /** Generous: a loaded 2-core machine may take seconds for a page. */
  static final Duration WAIT = Duration.ofSeconds(20);

  final ChromeDriver driver;
  private final Path browserLog;
  private final Path netLog;
  final Path downloads;
  private boolean quit;

  private HeadlessChromium(ChromeDriver driver, Path browserLog, Path netLog, Path downloads) {
    this.driver = driver;
    this.browserLog = browserLog;
    this.netLog = netLog;
    this.downloads = downloads;
  }

  /**
   * A browser with a window of this size, its logs in {@code logs} and what it downloads in {@link
   * #downloads}.
   */
  static HeadlessChromium start(int width, int height, Path logs) throws IOException {
    return start(logs, "--window-size=" + width + "," + height, Map.of());
  }

  /**
   * A phone: Chromium's mobile emulation of a 390 x 844 CSS-pixel screen at 3 device pixels each,
   * with a phone's user agent (a headless window alone is never narrower than 500 pixels).
   */
  static HeadlessChromium startPhone(Path logs) throws IOException {
    return start(
        logs,
        "--window-size=500,900",
        Map.of(
            "mobileEmulation",
            Map.of(
                "deviceMetrics",
                Map.of(
                    "width", 390, "height", 844, "pixelRatio", 3.0, "mobile", true, "touch", true),
                "userAgent",
                "Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko)"
                    + " Chrome/156.0.0.0 Mobile Safari/537.36")));
  }

  private static HeadlessChromium start(Path logs, String windowSize, Map<String, Object> emulation)
      throws IOException {
    Assumptions.assumeTrue(
        Files.isExecutable(BROWSER) && Files.isExecutable(DRIVER),
        "no headless Chromium here: install Debian's chromium and chromium-driver ("
            + BROWSER
            + ", "
            + DRIVER
            + "); .ci/run installs them");
    Files.createDirectories(logs);
    Path browserLog = logs.resolve("chromium.log");
    Path netLog = logs.resolve("netlog.json");
    Path downloads = Files.createDirectories(logs.resolve("downloads"));
    ChromeOptions options = new ChromeOptions();
    options.setBinary(BROWSER.toFile());
    options.addArguments(
        "--headless=new",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-dev-shm-usage",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--disable-extensions",
        windowSize,
        "--enable-logging",
        "--v=1",
        "--log-file=" + browserLog,
        "--log-net-log=" + netLog);
    options.setExperimentalOption(
        "prefs",
        Map.of(
            "download.default_directory",
            downloads.toString(),
            "download.prompt_for_download",
            false));
    emulation.forEach(options::setExperimentalOption);
    ChromeDriverService service =
        new ChromeDriverService.Builder()
            .usingDriverExecutable(DRIVER.toFile())
            .usingAnyFreePort()
            .build();
    return new HeadlessChromium(new ChromeDriver(service, options), browserLog, netLog, downloads);
  }

  private static Logger quiet(String name) {
    Logger logger = Logger.getLogger(name);
    logger.setLevel(Level.OFF);
    return logger;
  }

  <T> T waitUntil(Function<WebDriver, T> condition) {
    return new WebDriverWait(driver, WAIT).until(condition);
  }

  Object script(String script, Object... args) {
    return ((JavascriptExecutor) driver).executeScript(script, args);
  }

  /** Waits {@code millis} by the page's own clock: time for something that should not happen. */
  void pause(long millis) {
    script("return new Promise(done => setTimeout(done, arguments[0]))", millis);
  }

  /** The browser's log file so far: its console messages (CONSOLE lines) among the rest. */
  String browserLog() throws IOException {
    return Files.exists(browserLog) ? Files.readString(browserLog, StandardCharsets.UTF_8) : "";
  }

  /**
   * Quits the browser, which completes its NetLog, and reads it: a JSON document naming every host
   * the browser resolved or connected to and every URL it requested.
   */
  String quitAndReadNetLog() throws IOException {
    close();
    long deadline = System.nanoTime() + WAIT.toNanos();
    String log = "";
    while (System.nanoTime() < deadline) {
      log = Files.exists(netLog) ? Files.readString(netLog, StandardCharsets.UTF_8) : "";
      if (log.stripTrailing().endsWith("}")) {
        return log;
      }
      try {
        Thread.sleep(100);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        break;
      }
    }
    throw new IllegalStateException("the browser left no complete NetLog at " + netLog);
  }

  @Override
  public void close() {
    if (!quit) {
      quit = true;
      driver.quit();
    }
  }
}
