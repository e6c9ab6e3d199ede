package dev.strata.placement.learned;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Optional;
import java.util.Properties;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.util.ModelSerializer;

/**
 * Saves and restores the learned policy's network (with its optimiser state) and a small versioned
 * header. Checked once at start: a missing, foreign or corrupt checkpoint yields empty and the policy
 * starts cold behind its W-TinyLFU fallback, never a failed start.
 */
final class ModelCheckpoint {
  static final int FORMAT_VERSION = 1;
  private static final String NETWORK_FILE = "network.zip";
  private static final String HEADER_FILE = "checkpoint.properties";
  private static final String REPLAY_FILE = "replay.bin";
  private static final System.Logger LOG = System.getLogger(ModelCheckpoint.class.getName());

  /** What a restart resumes from. */
  record Restored(MultiLayerNetwork network, long modelVersion, long trainingRounds) {
  }

  private final Path directory;

  ModelCheckpoint(Path directory) {
    this.directory = directory;
  }

  /** Writes atomically: a reader sees the old checkpoint or the new one, never half of one. */
  void save(MultiLayerNetwork network, long modelVersion, long trainingRounds, ReplayBuffer replay)
      throws IOException {
    Files.createDirectories(directory);
    Path replayTemp = Files.createTempFile(directory, "replay", ".tmp");
    try (DataOutputStream out = new DataOutputStream(new BufferedOutputStream(Files.newOutputStream(replayTemp)))) {
      replay.writeTo(out);
    }
    Files.move(replayTemp, directory.resolve(REPLAY_FILE), StandardCopyOption.REPLACE_EXISTING,
        StandardCopyOption.ATOMIC_MOVE);
    Path networkTemp = Files.createTempFile(directory, "network", ".tmp");
    ModelSerializer.writeModel(network, networkTemp.toFile(), true);
    Properties header = new Properties();
    header.setProperty("format", Integer.toString(FORMAT_VERSION));
    header.setProperty("features", Integer.toString(FeatureExtractor.FEATURES));
    header.setProperty("modelVersion", Long.toString(modelVersion));
    header.setProperty("trainingRounds", Long.toString(trainingRounds));
    Path headerTemp = Files.createTempFile(directory, "header", ".tmp");
    try (OutputStream out = Files.newOutputStream(headerTemp)) {
      header.store(out, "Strata learned placement checkpoint");
    }
    Files.move(networkTemp, directory.resolve(NETWORK_FILE), StandardCopyOption.REPLACE_EXISTING,
        StandardCopyOption.ATOMIC_MOVE);
    Files.move(headerTemp, directory.resolve(HEADER_FILE), StandardCopyOption.REPLACE_EXISTING,
        StandardCopyOption.ATOMIC_MOVE);
  }

  /**
   * Refills {@code replay} from the saved buffer so training after a restart still rehearses the old
   * history; a missing or mismatched file leaves it empty (logged), never fails.
   */
  void restoreReplay(ReplayBuffer replay) {
    Path file = directory.resolve(REPLAY_FILE);
    if (!Files.exists(file)) {
      return;
    }
    try (DataInputStream in = new DataInputStream(new BufferedInputStream(Files.newInputStream(file)))) {
      replay.readFrom(in);
    } catch (IOException | RuntimeException e) {
      LOG.log(System.Logger.Level.WARNING, "Ignoring unreadable replay buffer in {0} ({1})", directory,
          e.toString());
    }
  }

  Optional<Restored> restore() {
    Path headerFile = directory.resolve(HEADER_FILE);
    Path networkFile = directory.resolve(NETWORK_FILE);
    if (!Files.exists(headerFile) || !Files.exists(networkFile)) {
      return Optional.empty();
    }
    try (InputStream in = Files.newInputStream(headerFile)) {
      Properties header = new Properties();
      header.load(in);
      int format = Integer.parseInt(header.getProperty("format", "-1"));
      int features = Integer.parseInt(header.getProperty("features", "-1"));
      if (format != FORMAT_VERSION || features != FeatureExtractor.FEATURES) {
        LOG.log(System.Logger.Level.WARNING, "Ignoring checkpoint in {0}: format {1} with {2} features,"
            + " expected {3} with {4}; starting cold", directory, format, features, FORMAT_VERSION,
            FeatureExtractor.FEATURES);
        return Optional.empty();
      }
      MultiLayerNetwork network = ModelSerializer.restoreMultiLayerNetwork(networkFile.toFile(), true);
      return Optional.of(new Restored(network, Long.parseLong(header.getProperty("modelVersion")),
          Long.parseLong(header.getProperty("trainingRounds"))));
    } catch (IOException | RuntimeException e) {
      LOG.log(System.Logger.Level.WARNING, "Ignoring unreadable checkpoint in {0} ({1}); starting cold",
          directory, e.toString());
      return Optional.empty();
    }
  }
}
