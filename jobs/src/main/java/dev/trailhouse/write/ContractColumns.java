package dev.trailhouse.write;

import dev.trailhouse.config.Errors;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * How a table's columns meet its contract's: a contract grows by nullable columns, which an
 * existing table takes in place (its older rows read them as null); a column the contract removed
 * or retyped, or a new NOT NULL one, cannot be applied to the rows already there.
 */
final class ContractColumns {
  private ContractColumns() {}

  /**
   * The table's columns in the contract's order with the contract's new ones added, or null when
   * the table has all the contract's columns. Throws, naming the column and the fix, when the table
   * cannot take the contract in place.
   */
  static StructType grown(String path, StructType table, StructType contract) {
    Map<String, StructField> have = new LinkedHashMap<>();
    for (StructField f : table.fields()) {
      have.put(f.name(), f);
    }
    for (StructField f : table.fields()) {
      if (contract.getFieldIndex(f.name()).isEmpty()) {
        throw Errors.contractMismatch(
            path,
            "has the column "
                + f.name()
                + " ("
                + type(f)
                + "), which its contract "
                + "does not have");
      }
      StructField want = contract.apply(f.name());
      if (!type(f).equals(type(want))) {
        throw Errors.contractMismatch(
            path,
            "has the column "
                + f.name()
                + " as "
                + type(f)
                + " where its contract "
                + "has "
                + type(want));
      }
    }
    List<StructField> out = new ArrayList<>();
    boolean grew = false;
    for (StructField want : contract.fields()) {
      StructField old = have.get(want.name());
      if (old == null && !want.nullable()) {
        throw Errors.contractMismatch(
            path,
            "lacks the column "
                + want.name()
                + " ("
                + type(want)
                + ") of its "
                + "contract, which cannot be added as NOT NULL to the rows already there");
      }
      grew |= old == null;
      out.add(old == null ? want : old);
    }
    return grew ? new StructType(out.toArray(new StructField[0])) : null;
  }

  private static String type(StructField f) {
    return f.dataType().simpleString() + (f.nullable() ? "" : " NOT NULL");
  }
}
