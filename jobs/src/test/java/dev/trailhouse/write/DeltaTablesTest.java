package dev.trailhouse.write;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.trailhouse.TestSpark;
import io.delta.tables.DeltaTable;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Creating tables where a killed run left an interrupted creation, and never touching a real log.
 */
class DeltaTablesTest {
  private static final StructType SCHEMA = new StructType().add("x", DataTypes.StringType);
  @TempDir Path dir;
  private final SparkSession spark = TestSpark.session();

  /**
   * What a run killed inside Delta's table creation leaves: the log folders, a temporary commit, no
   * commit.
   */
  private static Path interruptedCreation(Path table) throws Exception {
    Path log = Files.createDirectories(table.resolve("_delta_log/_commits"));
    Files.writeString(
        log.getParent().resolve(".00000000000000000000.json.5d1c2f6e.tmp"), "{\"commitInfo\":");
    return table;
  }

  @Test
  void aCreationInterruptedByAKillIsCompletedByTheNextEnsure() throws Exception {
    String path = "file:" + interruptedCreation(dir.resolve("t"));
    // Delta alone cannot create a table over such a folder: this is what the re-run of a killed run
    // met.
    assertThrows(
        Exception.class,
        () -> DeltaTable.createIfNotExists(spark).location(path).addColumns(SCHEMA).execute());

    DeltaTables.ensure(spark, path, SCHEMA);
    DeltaTables.append(spark, path, spark.createDataFrame(List.of(RowFactory.create("a")), SCHEMA));
    assertEquals(1, spark.read().format("delta").load(path).count());
  }

  @Test
  void aLogWithACommitIsNeverRemoved() throws Exception {
    String path = "file:" + dir.resolve("t");
    DeltaTables.ensure(spark, path, SCHEMA);
    DeltaTables.append(spark, path, spark.createDataFrame(List.of(RowFactory.create("a")), SCHEMA));
    // Even with leftovers of a killed commit beside the real ones.
    Files.writeString(dir.resolve("t/_delta_log/.00000000000000000002.json.0a1b.tmp"), "{");

    DeltaTables.clearInterruptedCreation(spark, path);
    DeltaTables.ensure(spark, path, SCHEMA);
    assertTrue(Files.exists(dir.resolve("t/_delta_log/00000000000000000001.json")));
    assertEquals(1, spark.read().format("delta").load(path).count());
  }

  @Test
  void aLogWithOnlyACheckpointIsNeverRemoved() throws Exception {
    Path table = interruptedCreation(dir.resolve("t"));
    Path checkpoint =
        Files.writeString(table.resolve("_delta_log/00000000000000000010.checkpoint.parquet"), "");
    DeltaTables.clearInterruptedCreation(spark, "file:" + table);
    assertTrue(Files.exists(checkpoint));
  }

  @Test
  void anotherWritersCommitClaimedInDynamoDbIsNeverRemoved() throws Exception {
    // S3DynamoDBLogStore writes commit 0 here, claims it in DynamoDB, then copies it to
    // 000...0.json: in
    // between, a second run creating the same table must not take the log for an interrupted
    // creation.
    Path table = interruptedCreation(dir.resolve("t"));
    Path claimed =
        Files.writeString(
            Files.createDirectories(table.resolve("_delta_log/.tmp"))
                .resolve("00000000000000000000.json.0b6f4a4e-8f0e-4a36-9d55-1a2b3c4d5e6f"),
            "{\"commitInfo\":{}}");
    DeltaTables.clearInterruptedCreation(spark, "file:" + table);
    assertTrue(Files.exists(claimed));
  }

  @Test
  void aFolderWithoutALogIsLeftAsItIs() throws Exception {
    Path table = Files.createDirectories(dir.resolve("t"));
    DeltaTables.clearInterruptedCreation(spark, "file:" + table);
    assertTrue(Files.isDirectory(table));
    assertFalse(Files.exists(table.resolve("_delta_log")));
  }
}
