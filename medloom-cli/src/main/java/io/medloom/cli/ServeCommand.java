package io.medloom.cli;

import io.medloom.server.ViewerServer;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(
    name = "serve",
    mixinStandardHelpOptions = true,
    description = {
      "Serves a viewer for one or more datasets: overview charts, a filterable sample grid, and",
      "sample pages with ROI overlays and every text with its origin. Read-only unless --review:",
      "then generated annotations can be accepted, rejected or corrected (appended to the",
      "dataset's reviews.jsonl; ./medloom annotate applies them). Writes need the printed token."
    },
    footer = {
      "",
      "Examples:",
      "  ./medloom serve /tmp/m1/dataset",
      "  ./medloom serve /tmp/m1/dataset /tmp/busi --port 9000 --review",
      "  ./medloom serve /tmp/m2 --model /tmp/m2-clip"
    })
final class ServeCommand implements Callable<Integer> {
  @Parameters(paramLabel = "DATASET", arity = "1..*", description = "Dataset directories.")
  List<Path> datasets;

  @Option(names = "--port", defaultValue = "8080", description = "Port (default ${DEFAULT-VALUE}).")
  int port;

  @Option(
      names = "--bind",
      defaultValue = "127.0.0.1",
      description = {
        "Address to listen on (default ${DEFAULT-VALUE}: this machine only). Only loopback names",
        "and this address are answered (Host header); beyond loopback, reads need the token too."
      })
  String bind;

  @Option(names = "--review", description = "Enable the review queue and review writes.")
  boolean review;

  @Option(
      names = "--model",
      paramLabel = "MODEL",
      description = {
        "A vision–language model (from train clip): the grid's text search gains a 'by meaning'",
        "mode, text -> nearest images by embedding. Each dataset's images are indexed once and",
        "the index is cached in MODEL/search/."
      })
  Path model;

  @Option(
      names = "--cache",
      paramLabel = "DIR",
      description = {
        "Folder for each dataset's grid and word index, made on the first start and reused while",
        "the dataset is unchanged (default: $MEDLOOM_CACHE/viewer, else ~/.cache/medloom/viewer)."
      })
  Path cache;

  // Held so the level sticks: java.util.logging keeps loggers weakly.
  private static final List<java.util.logging.Logger> QUIET =
      List.of(
          java.util.logging.Logger.getLogger("io.javalin"),
          java.util.logging.Logger.getLogger("org.eclipse.jetty"));

  @Override
  public Integer call() throws Exception {
    // Jetty and Javalin announce every start-up step at INFO; the URL line below is what matters.
    QUIET.forEach(l -> l.setLevel(java.util.logging.Level.WARNING));
    ModelSearch search = model == null ? null : ModelSearch.open(model, datasets);
    ViewerServer server =
        ViewerServer.start(
            datasets,
            new ViewerServer.Options(
                bind, port, review, cache == null ? ViewerServer.defaultCache() : cache),
            search);
    String url = "http://" + (bind.contains(":") ? "[" + bind + "]" : bind) + ":" + server.port();
    System.out.println("medloom viewer: " + url + "/  datasets " + server.datasetNames());
    if (server.readsNeedToken()) {
      System.err.println(
          "warning: --bind "
              + bind
              + " lets other machines connect; every request needs the token, reads too (plain"
              + " HTTP: use it on a trusted network only). Open "
              + server.tokenLink());
    }
    if (review) {
      System.out.println(
          "review on: decisions need the token "
              + server.token()
              + " (header "
              + ViewerServer.TOKEN_HEADER
              + ")");
    }
    CountDownLatch stop = new CountDownLatch(1);
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  try {
                    server.close();
                    if (search != null) {
                      search.close();
                    }
                  } catch (Exception e) {
                    // shutting down anyway
                  }
                  stop.countDown();
                }));
    stop.await();
    return ExitCodes.OK;
  }
}
