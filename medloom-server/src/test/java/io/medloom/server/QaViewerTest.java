package io.medloom.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.medloom.annotate.qa.QaGenerator;
import io.medloom.annotate.qa.QaReviews;
import io.medloom.annotate.qa.QaStage;
import io.medloom.annotate.qa.QaTemplates;
import io.medloom.core.Progress;
import io.medloom.engine.StageRerun;
import io.medloom.store.DatasetReader;
import io.medloom.store.Json;
import io.medloom.testing.Requirements;
import java.io.File;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

/** The sample page shows the image's conversation: each question with its answer and fact. */
class QaViewerTest {
  @TempDir Path tmp;

  @Test
  void samplePageListsQuestionsAndAnswers() throws Exception {
    Requirements.command("/usr/bin/chromium", "chromium");
    Requirements.command("/usr/bin/chromedriver", "chromium-driver");
    Path dataset = DemoDataset.build(tmp, 12);
    String id;
    List<String> questions = new ArrayList<>();
    List<String> answers = new ArrayList<>();
    List<io.medloom.core.model.Task> tasks;
    try (DatasetReader r = DatasetReader.open(dataset)) {
      tasks = r.info().tasks();
    }
    QaGenerator g =
        new QaGenerator(
            tasks, new QaGenerator.Config(6, 1, 0.75), QaTemplates.load(), QaReviews.NONE);
    StageRerun.run(dataset, List.of(QaStage.of(g)), Progress.NONE);
    List<io.medloom.store.StoredSample> rows = new ArrayList<>();
    try (DatasetReader r = DatasetReader.open(dataset)) {
      r.forEach(Optional.empty(), rows::add);
    }
    id = rows.get(0).id();
    for (JsonNode t : Json.MAPPER.readTree(rows.get(0).textsJson())) {
      if (t.path("kind").asText().equals("qa")) {
        JsonNode p = Json.MAPPER.readTree(t.path("text").asText());
        questions.add(p.path("question").asText());
        answers.add(p.path("answer").asText());
      }
    }
    assertThat(questions).isNotEmpty();
    ChromeOptions o = new ChromeOptions();
    o.setBinary(new File("/usr/bin/chromium"));
    o.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage");
    WebDriver d =
        new ChromeDriver(
            new ChromeDriverService.Builder()
                .usingDriverExecutable(new File("/usr/bin/chromedriver"))
                .build(),
            o);
    try (ViewerServer s =
        ViewerServer.start(List.of(dataset), new ViewerServer.Options("127.0.0.1", 0, false))) {
      // The qa texts' JSON keys are not searchable words.
      var search =
          java.net.http.HttpClient.newHttpClient()
              .send(
                  java.net.http.HttpRequest.newBuilder(
                          java.net.URI.create(
                              "http://127.0.0.1:" + s.port() + "/api/samples?q=fact_origin"))
                      .build(),
                  java.net.http.HttpResponse.BodyHandlers.ofString());
      assertThat(search.body()).contains("\"total\":0");
      d.get("http://127.0.0.1:" + s.port() + "/#/sample/" + id);
      new WebDriverWait(d, Duration.ofSeconds(20))
          .until(x -> !x.findElements(By.cssSelector("#qa tr td.q")).isEmpty());
      List<WebElement> q = d.findElements(By.cssSelector("#qa td.q"));
      List<WebElement> a = d.findElements(By.cssSelector("#qa td.a"));
      assertThat(q.stream().map(WebElement::getText).toList()).containsExactlyElementsOf(questions);
      for (int i = 0; i < a.size(); i++) {
        assertThat(a.get(i).getText()).startsWith(answers.get(i));
      }
    } finally {
      d.quit();
    }
  }
}
