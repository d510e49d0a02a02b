package dev.trailhouse.report;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.io.Writer;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.catalyst.util.TimestampFormatter;
import org.apache.spark.sql.types.ArrayType;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * Report rows as JSON lines, byte for byte what Spark's {@code Row.json()} gives (one object per
 * line, the schema's field order, nulls written, dates as yyyy-MM-dd, timestamps as Spark's
 * "yyyy-MM-dd HH:mm:ss[.fraction]" in the session time zone, UTC in Trailhouse), without building a json4s tree per row: the same
 * Jackson generator streams straight to the writer. Covers the types of the report tables.
 */
final class JsonLines implements AutoCloseable {
  private static final JsonFactory FACTORY = new JsonFactory();
  private final JsonGenerator gen;
  private final String[] names;
  private final Kind[] kinds;
  private final TimestampFormatter timestamps;

  private enum Kind { STRING, LONG, BOOLEAN, DATE, TIMESTAMP, STRINGS }

  /** @param zone the session time zone, which Row.json() formats timestamps in (Trailhouse sessions use UTC) */
  JsonLines(Writer out, StructType schema, ZoneId zone) throws IOException {
    this.timestamps = TimestampFormatter.apply(zone);
    this.gen = FACTORY.createGenerator(out);
    gen.disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
    gen.disable(JsonGenerator.Feature.AUTO_CLOSE_JSON_CONTENT); // a failed row is not completed on close
    gen.setRootValueSeparator(null); // lines are separated by the '\n' we write, nothing else
    names = schema.fieldNames();
    kinds = new Kind[names.length];
    for (int i = 0; i < names.length; i++) {
      kinds[i] = kind(schema.fields()[i].dataType());
    }
  }

  static Kind kind(DataType t) {
    if (t.equals(DataTypes.StringType)) {
      return Kind.STRING;
    } else if (t.equals(DataTypes.LongType)) {
      return Kind.LONG;
    } else if (t.equals(DataTypes.BooleanType)) {
      return Kind.BOOLEAN;
    } else if (t.equals(DataTypes.DateType)) {
      return Kind.DATE;
    } else if (t.equals(DataTypes.TimestampType)) {
      return Kind.TIMESTAMP;
    } else if (t instanceof ArrayType a && a.elementType().equals(DataTypes.StringType)) {
      return Kind.STRINGS;
    }
    throw new IllegalArgumentException("JsonLines does not write " + t.simpleString() + " columns");
  }

  /** Writes one row and its line end. */
  void write(Row r) throws IOException {
    gen.writeStartObject();
    for (int i = 0; i < names.length; i++) {
      gen.writeFieldName(names[i]);
      if (r.isNullAt(i)) {
        gen.writeNull();
        continue;
      }
      switch (kinds[i]) {
        case STRING -> gen.writeString(r.getString(i));
        case LONG -> gen.writeNumber(r.getLong(i));
        case BOOLEAN -> gen.writeBoolean(r.getBoolean(i));
        case DATE -> gen.writeString(((LocalDate) r.get(i)).toString());
        case TIMESTAMP -> gen.writeString(timestamps.format((Instant) r.get(i)));
        case STRINGS -> {
          gen.writeStartArray();
          scala.collection.Iterator<Object> it = r.<scala.collection.Seq<Object>>getAs(i).iterator();
          while (it.hasNext()) {
            Object v = it.next();
            if (v == null) {
              gen.writeNull();
            } else {
              gen.writeString((String) v);
            }
          }
          gen.writeEndArray();
        }
        default -> throw new IllegalStateException(kinds[i].name());
      }
    }
    gen.writeEndObject();
    gen.writeRaw('\n');
  }

  /** Hands what is buffered to the writer. */
  void flush() throws IOException {
    gen.flush();
  }

  @Override
  public void close() throws IOException {
    gen.close();
  }
}
