package dev.trailhouse.verify;

import dev.trailhouse.table.Column;
import java.util.List;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * {@code verification}: what CloudTrail's digests prove about the lake, per day, account and
 * region.
 */
public final class VerificationTable {
  public static final String NAME = dev.trailhouse.table.Tables.VERIFICATION;

  public static final List<Column> COLUMNS =
      List.of(
          new Column(
              "verified_date",
              DataTypes.DateType,
              "The delivery day checked; the partition column."),
          new Column("account_id", DataTypes.StringType, "Account."),
          new Column("region", DataTypes.StringType, "Region."),
          new Column(
              "files_expected", DataTypes.LongType, "Log files the digests name for this day."),
          new Column(
              "files_ingested",
              DataTypes.LongType,
              "Of those, files in the ingested_files manifest."),
          new Column("files_missing", DataTypes.LongType, "Named by a digest, never ingested."),
          new Column(
              "hash_mismatches",
              DataTypes.LongType,
              "Ingested files whose SHA-256 (as stored now) differs from the digest's."),
          new Column(
              "digest_gaps",
              DataTypes.LongType,
              "Digest files missing from the chain (previousDigestS3Object not found)."),
          new Column(
              "unlisted_files",
              DataTypes.LongType,
              "Ingested files that no digest names (no validation, digest not delivered yet, or not from CloudTrail)."),
          new Column("digests_read", DataTypes.LongType, "Digest files of this day read."),
          new Column(
              "signatures_checked",
              DataTypes.LongType,
              "Digest signatures checked (0 without verify.public_keys)."),
          new Column(
              "signatures_failed", DataTypes.LongType, "Digest signatures that did not verify."),
          new Column(
              "verdict",
              DataTypes.StringType,
              "`complete and unaltered`, or what is missing or altered."),
          new Column(
              "details_json",
              DataTypes.StringType,
              "The missing, altered, gap and unlisted keys, as JSON."),
          new Column("verified_at", DataTypes.TimestampType, "When the check ran."),
          new Column("run_id", DataTypes.StringType, "The verify run."));

  public static final StructType SCHEMA = Column.schema(COLUMNS);

  private VerificationTable() {}
}
