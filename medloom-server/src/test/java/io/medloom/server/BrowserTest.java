package io.medloom.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.medloom.store.DatasetReader;
import io.medloom.store.review.ReviewLog;
import io.medloom.testing.Requirements;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The viewer end to end in Debian's headless chromium (driven by chromium-driver; nothing is
 * downloaded): grid, filter, sample page with overlays and texts, a review that rejects a text, and
 * annotate removing it. Screenshots go to target/screenshots.
 */
class BrowserTest {
  private static final File CHROMIUM = new File("/usr/bin/chromium");
  private static final File DRIVER = new File("/usr/bin/chromedriver");
  @TempDir Path tmp;

  /** Skips without Debian's chromium (fails under CI); checked before any work is done. */
  private static void requireChromium() {
    Requirements.command(CHROMIUM.getPath(), "chromium");
    Requirements.command(DRIVER.getPath(), "chromium-driver");
  }

  private static WebDriver chromium() {
    ChromeOptions o = new ChromeOptions();
    o.setBinary(CHROMIUM);
    o.addArguments(
        "--headless=new",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-dev-shm-usage",
        "--window-size=1400,1000");
    ChromeDriverService service =
        new ChromeDriverService.Builder().usingDriverExecutable(DRIVER).build();
    return new ChromeDriver(service, o);
  }

  private static void shot(WebDriver d, String name) throws Exception {
    Path dir = Path.of("target", "screenshots");
    Files.createDirectories(dir);
    Files.write(
        dir.resolve(name + ".png"), ((TakesScreenshot) d).getScreenshotAs(OutputType.BYTES));
  }

  private static org.openqa.selenium.support.ui.FluentWait<WebDriver> waiting(WebDriver d) {
    // Pages re-render on every hash change: an element found a moment ago may be gone.
    return new WebDriverWait(d, Duration.ofSeconds(20))
        .ignoring(org.openqa.selenium.StaleElementReferenceException.class);
  }

  @Test
  void browseFilterInspectAndReview() throws Exception {
    requireChromium();
    Path dataset = DemoDataset.build(tmp, 40);
    WebDriver d = chromium();
    try (ViewerServer s =
        ViewerServer.start(List.of(dataset), new ViewerServer.Options("127.0.0.1", 0, true))) {
      String base = "http://127.0.0.1:" + s.port() + "/";
      JavascriptExecutor js = (JavascriptExecutor) d;

      d.get(base + "#/");
      waiting(d).until(x -> !x.findElements(By.cssSelector(".chart canvas")).isEmpty());
      shot(d, "1-overview");

      d.get(base + "#/grid");
      waiting(d).until(x -> x.findElements(By.cssSelector("#grid .card img")).size() > 0);
      waiting(d)
          .until(
              x ->
                  (Boolean)
                      js.executeScript(
                          "return [...document.querySelectorAll('#grid img')]"
                              + ".every(i => i.complete && i.naturalWidth > 0)"));
      long all = Long.parseLong(d.findElement(By.id("grid-status")).getAttribute("data-total"));
      assertThat(all).isEqualTo(40);
      shot(d, "2-grid");

      d.findElement(By.cssSelector("#f-split option[value='test']")).click();
      d.findElement(By.id("apply")).click();
      waiting(d).until(x -> x.getCurrentUrl().contains("split=test"));
      waiting(d)
          .until(
              x -> {
                String t = x.findElement(By.id("grid-status")).getAttribute("data-total");
                return t != null && Long.parseLong(t) < all;
              });
      for (WebElement m : d.findElements(By.cssSelector("#grid .card .meta:first-of-type"))) {
        assertThat(m.getText()).startsWith("test");
      }
      shot(d, "3-grid-filtered");

      // A sample with a region description: search the texts for one.
      d.get(base + "#/grid?q=zone&has_roi=true");
      waiting(d).until(x -> x.findElements(By.cssSelector("#grid .card")).size() > 0);
      d.findElements(By.cssSelector("#grid .card")).get(0).click();
      waiting(d).until(x -> x.findElements(By.cssSelector("#overlay rect.roi")).size() > 0);
      waiting(d).until(x -> x.findElements(By.cssSelector(".masks img.mask")).size() > 0);
      assertThat(d.findElements(By.cssSelector("#texts .text[data-kind='desc.global']")))
          .hasSize(1);
      assertThat(d.findElements(By.cssSelector("#texts .text[data-kind='desc.full']"))).hasSize(1);
      shot(d, "4-sample");
      // Toggling an origin hides its overlays.
      d.findElement(By.id("toggle-atlas")).click();
      assertThat(
              d.findElements(By.cssSelector(".origin-atlas rect")).stream()
                  .allMatch(r -> r.getAttribute("class").contains("hidden-layer")))
          .isTrue();
      shot(d, "5-sample-atlas-hidden");
      String firstId = d.getCurrentUrl();
      js.executeScript("document.activeElement.blur()"); // keys typed into a checkbox are ignored
      new org.openqa.selenium.interactions.Actions(d).sendKeys("j").perform();
      waiting(d).until(x -> !x.getCurrentUrl().equals(firstId));
      waiting(d).until(x -> !x.findElements(By.id("prev")).isEmpty()); // the next page rendered
      new org.openqa.selenium.interactions.Actions(d).sendKeys("k").perform();
      waiting(d).until(x -> x.getCurrentUrl().equals(firstId));
      String sampleId = firstId.replaceAll(".*#/sample/([^?]+).*", "$1");
      waiting(d)
          .until(
              x -> x.findElement(By.cssSelector("main h2")).getText().equals("Sample " + sampleId));
      waiting(d)
          .until(
              x -> x.findElements(By.cssSelector("#texts .text[data-kind='desc.roi']")).size() > 0);

      // Review: reject the first region description.
      js.executeScript(
          "sessionStorage.setItem('token', arguments[0]);"
              + " sessionStorage.setItem('reviewer', 'dr browser');",
          s.token());
      WebElement text = d.findElements(By.cssSelector("#texts .text[data-kind='desc.roi']")).get(0);
      String rejected = text.findElement(By.cssSelector(".body")).getText();
      text.findElement(By.cssSelector("button.reject")).click();
      waiting(d)
          .until(x -> x.findElement(By.id("review-status")).getText().contains("reject recorded"));
      shot(d, "6-review-rejected");
      d.get(base + "#/review");
      waiting(d).until(x -> x.findElements(By.id("queue-total")).size() > 0);
      shot(d, "7-review-queue");

      assertThat(new ReviewLog(dataset).read().reviews())
          .singleElement()
          .satisfies(
              r -> {
                assertThat(r.reviewer()).isEqualTo("dr browser");
                assertThat(r.action()).isEqualTo("reject");
                assertThat(r.before().path("text").asText()).isEqualTo(rejected);
              });
      s.close();
      ApiTest.applyReviews(dataset);
      try (DatasetReader r = DatasetReader.open(dataset)) {
        StringBuilder all2 = new StringBuilder();
        // The reviewed sample only: another film may by chance be described in the same words.
        r.query(
            "SELECT to_json(texts) FROM samples WHERE id = '" + sampleId + "'",
            rs -> {
              while (rs.next()) {
                all2.append(rs.getString(1));
              }
            });
        assertThat(all2.toString()).contains("desc.global").doesNotContain(rejected);
      }
    } finally {
      d.quit();
    }
  }
}
