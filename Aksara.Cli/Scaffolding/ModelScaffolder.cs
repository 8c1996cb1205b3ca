using System.Globalization;
using System.Text;
using Aksara.Migrations.Introspection;
using Aksara.Migrations.Schema;
using Aksara.Migrations.Scripts;
using Aksara.Models;
using static Aksara.Migrations.Ddl.DdlQuoting;

namespace Aksara.Cli.Scaffolding;

/// <summary>One file <c>aksara inspectdb</c> writes.</summary>
internal sealed record ScaffoldedFile(string FileName, string Source);

/// <summary>
/// The model files for some tables, everything they could not express in words, and those of these objects the
/// baseline can create verbatim (<see cref="AdoptedObjectsFile"/>).
/// </summary>
internal sealed record ScaffoldResult(IReadOnlyList<ScaffoldedFile> Files, IReadOnlyList<string> NotModelled, IReadOnlyList<AdoptedObject> Adopted);

/// <summary>
/// Writes one C# model per table that reproduces it: names the conventions would not derive are written out, and
/// so are types, nullability, defaults, keys, constraints and indexes with their own names. What a model cannot
/// express is listed (in the file of its table, and in the result), never dropped silently.
/// </summary>
internal sealed class ModelScaffolder
{
    private readonly IReadOnlyDictionary<string, CatalogUserType> _userTypes;
    private readonly string _namespace;
    private readonly Dictionary<QualifiedName, string> _classes = [];
    private readonly Dictionary<string, string> _enums = new(StringComparer.Ordinal);
    private readonly SortedSet<string> _usedEnums = new(StringComparer.Ordinal);

    public ModelScaffolder(IReadOnlyList<CatalogTable> tables, IReadOnlyDictionary<string, CatalogUserType> userTypes, string @namespace)
    {
        _userTypes = userTypes;
        _namespace = @namespace;
        Tables = tables;
        var taken = new HashSet<string>(StringComparer.Ordinal);
        // Two schemas may each have a "users": the second and later ones are told apart by their schema.
        var repeated = tables.GroupBy(table => CSharpNames.ClassOf(table.Name.Name)).Where(group => group.Count() > 1).Select(group => group.Key).ToHashSet();
        foreach (var table in tables.OrderBy(table => table.Name.Schema == "public" ? 0 : 1).ThenBy(table => table.Name.Schema, StringComparer.Ordinal))
        {
            var name = CSharpNames.ClassOf(table.Name.Name);
            if (repeated.Contains(name) && table.Name.Schema != "public")
                name = CSharpNames.Pascal(table.Name.Schema) + name;
            _classes[table.Name] = CSharpNames.Unique(name, taken);
        }
        foreach (var type in userTypes.Values.Where(type => type.IsEnum).OrderBy(type => type.FormattedName, StringComparer.Ordinal))
        {
            var name = CSharpNames.Pascal(type.Name);
            _enums[type.FormattedName] = CSharpNames.Unique(taken.Contains(name) ? CSharpNames.Pascal(type.Schema) + name : name, taken);
        }
    }

    public IReadOnlyList<CatalogTable> Tables { get; }

    public ScaffoldResult Scaffold(IReadOnlyList<UnmodelledObject> unmodelled)
    {
        var files = new List<ScaffoldedFile>();
        var notModelled = new List<string>();
        foreach (var table in Tables)
        {
            var notes = new List<string>();
            var source = Write(table, unmodelled, notes);
            files.Add(new ScaffoldedFile(_classes[table.Name] + ".cs", source));
            notModelled.AddRange(notes.Select(note => $"{table.Name}: {note}"));
        }
        foreach (var formatted in _usedEnums)
            files.Add(new ScaffoldedFile(_enums[formatted] + ".cs", WriteEnum(_userTypes[formatted])));
        // What hangs off a table is in its file; the rest stands on its own.
        notModelled.AddRange(unmodelled.Where(item => !Tables.Any(table => item.Table == table.Name)).Select(item => item.ToString()));
        return new ScaffoldResult(files, notModelled, Adopted(unmodelled));
    }

    /// <summary>
    /// What the baseline creates verbatim: the unmodelled objects that have a statement of their own (partitions too, after
    /// their partitioned table), and the indexes and exclusion constraints of the tables that models cannot hold.
    /// </summary>
    private IReadOnlyList<AdoptedObject> Adopted(IReadOnlyList<UnmodelledObject> unmodelled)
    {
        var adopted = unmodelled
            .Where(item => item is { Definition: not null, Drop: not null })
            .Select(item => new AdoptedObject(item.Kind, item.Schema, item.Name, null, item.Definition!, item.Drop!, item.PrecedesTables))
            .ToList();
        foreach (var table in Tables)
        {
            foreach (var index in table.Indexes.Where(index => index.Model is null && !index.BacksConstraint))
            {
                adopted.Add(new AdoptedObject("index", table.Name.Schema, index.Name, table.Name,
                    $"CREATE {(index.Unique ? "UNIQUE " : "")}INDEX {Quote(index.Name)} ON {Quote(table.Name)} {index.Definition};",
                    $"DROP INDEX IF EXISTS {Quote(new QualifiedName(table.Name.Schema, index.Name))};", PrecedesTables: false));
            }
            foreach (var constraint in table.Constraints.Where(constraint => constraint.Model is null))
            {
                adopted.Add(new AdoptedObject("constraint", table.Name.Schema, constraint.Name, table.Name,
                    $"ALTER TABLE {Quote(table.Name)} ADD CONSTRAINT {Quote(constraint.Name)} {constraint.Definition};",
                    $"ALTER TABLE {Quote(table.Name)} DROP CONSTRAINT IF EXISTS {Quote(constraint.Name)};", PrecedesTables: false));
            }
        }
        return adopted;
    }

    private string Write(CatalogTable table, IReadOnlyList<UnmodelledObject> unmodelled, List<string> notes)
    {
        var model = table.ToTableSchema();
        var className = _classes[table.Name];
        var properties = PropertyNames(table, className);
        var usings = new SortedSet<string>(StringComparer.Ordinal) { "Aksara" };
        var classAttributes = new List<string> { TableAttribute(table, className) };
        var key = model.PrimaryKey;
        var singleUniques = model.UniqueConstraints.Where(unique => unique.Columns.Count == 1).ToDictionary(unique => unique.Columns[0], StringComparer.Ordinal);
        var foreignKeys = new Dictionary<string, ForeignKeySchema>(StringComparer.Ordinal);

        foreach (var unique in model.UniqueConstraints.Where(unique => unique.Columns.Count > 1))
            classAttributes.Add($"[Unique({string.Join(", ", unique.Columns.Select(column => $"nameof({properties[column]})"))}, Name = {CSharpNames.Literal(unique.Name)})]");
        foreach (var check in model.Checks)
            classAttributes.Add($"[Check({CSharpNames.Literal(WithoutOuterParentheses(check.Expression))}, Name = {CSharpNames.Literal(check.Name)})]");
        foreach (var index in model.Indexes)
            classAttributes.Add(IndexAttribute(table.Name.Name, index, properties));
        foreach (var foreignKey in model.ForeignKeys)
        {
            if (ForeignKeyProblem(foreignKey) is { } problem)
                notes.Add($"foreign key {foreignKey.Name} {problem}");
            else
                foreignKeys[foreignKey.Columns[0]] = foreignKey;
        }
        NoteWhatTheModelLeavesOut(table, unmodelled, notes);

        var body = new StringBuilder();
        var integerKey = key is { Columns.Count: 1 } ? table.FindColumn(key.Columns[0]) : null;
        foreach (var column in table.Columns)
        {
            var property = properties[column.Name];
            var mapping = MapType(column.Type);
            if (mapping is null)
            {
                notes.Add(IsEnumArray(column.Type)
                    ? $"column {column.Name} is an array of the enum type {column.Type[..^2]}, which a model cannot hold; it is left out of the model"
                    : $"column {column.Name} is of type {column.Type}, which has no CLR type in Npgsql; it is left out of the model");
                body.AppendLine($"    // Column \"{column.Name}\" ({column.Type}) has no CLR type in Npgsql and is not mapped.").AppendLine();
                continue;
            }
            usings.UnionWith(mapping.Namespaces);
            if (column.GenerationExpression is { } generated)
            {
                notes.Add($"column {column.Name} is GENERATED ALWAYS AS ({generated}) STORED, which a model cannot declare; it is left out of the model");
                body.AppendLine($"    // Column \"{column.Name}\" is generated (GENERATED ALWAYS AS ({generated}) STORED) and is not mapped.").AppendLine();
                continue;
            }
            var attributes = new List<string>();
            if (key is not null && key.Columns.Contains(column.Name))
                attributes.Add(PrimaryKeyAttribute(table.Name.Name, key, column.Name));
            if (singleUniques.TryGetValue(column.Name, out var unique))
                attributes.Add(unique.Name == ConstraintNames.Unique(table.Name.Name, column.Name) ? "[Unique]" : $"[Unique(Name = {CSharpNames.Literal(unique.Name)})]");
            if (foreignKeys.TryGetValue(column.Name, out var foreignKey))
                attributes.Add(ForeignKeyAttribute(table.Name.Name, foreignKey));
            if (ColumnAttribute(column.Name, property, mapping) is { } columnAttribute)
                attributes.Add(columnAttribute);
            NoteIdentity(column, ReferenceEquals(column, integerKey), mapping, notes);
            if (IsUnnumberedIntegerKey(column, ReferenceEquals(column, integerKey), mapping))
            {
                // Without it, a lone integer key is numbered by PostgreSQL (GENERATED BY DEFAULT AS IDENTITY).
                usings.Add("System.ComponentModel.DataAnnotations.Schema");
                attributes.Add("[DatabaseGenerated(DatabaseGeneratedOption.None)]");
            }
            if (column.Default is { } defaultSql && !column.IsIdentity)
                attributes.Add($"[Default({CSharpNames.Literal(defaultSql)})]");
            foreach (var attribute in attributes)
                body.Append("    ").AppendLine(attribute);
            var nullable = !column.NotNull;
            var type = mapping.TypeName + (nullable ? "?" : "");
            var initializer = !nullable && !mapping.IsValueType ? $" = {mapping.Initializer ?? "null!"};" : "";
            body.AppendLine($"    public {type} {property} {{ get; set; }}{initializer}").AppendLine();
        }

        var source = new StringBuilder();
        source.AppendLine("// Written by `aksara inspectdb` from the live database. Review it: the model is now the source of the schema.");
        if (notes.Count > 0)
        {
            source.AppendLine("//");
            source.AppendLine("// Not expressed by this model (kept in the database, and in the baseline migration):");
            foreach (var note in notes)
                source.AppendLine($"// - {note}");
        }
        source.AppendLine();
        foreach (var ns in usings.OrderBy(ns => ns.StartsWith("System", StringComparison.Ordinal) ? 0 : 1).ThenBy(ns => ns, StringComparer.Ordinal))
            source.AppendLine($"using {ns};");
        source.AppendLine();
        source.AppendLine($"namespace {_namespace};");
        source.AppendLine();
        foreach (var attribute in classAttributes)
            source.AppendLine(attribute);
        source.AppendLine($"public sealed class {className}");
        source.AppendLine("{");
        source.Append(body.ToString().TrimEnd()).AppendLine();
        source.AppendLine("}");
        return source.ToString();
    }

    /// <summary>Property names: PascalCase of the columns, never the class's own name, never twice the same.</summary>
    private static Dictionary<string, string> PropertyNames(CatalogTable table, string className)
    {
        var taken = new HashSet<string>(StringComparer.Ordinal) { className };
        var names = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var column in table.Columns)
        {
            var name = CSharpNames.Pascal(column.Name);
            names[column.Name] = CSharpNames.Unique(name == className ? name + "Value" : name, taken);
        }
        return names;
    }

    private ClrTypeMapping? MapType(string sqlType) => IsEnumArray(sqlType) ? null : PostgresTypes.Map(sqlType, MapUserType);

    private bool IsEnumArray(string sqlType) =>
        sqlType.EndsWith("[]", StringComparison.Ordinal) && _userTypes.TryGetValue(sqlType[..^2], out var element) && element.IsEnum;

    /// <summary>An enum type becomes a C# enum marked [PgEnum]; a domain, its base type with the domain as the column's type.</summary>
    private ClrTypeMapping? MapUserType(string named)
    {
        if (!_userTypes.TryGetValue(named, out var userType))
            return null;
        if (!userType.IsEnum)
            return PostgresTypes.Map(userType.BaseType!, MapUserType)?.WithExplicitType(named);
        _usedEnums.Add(named);
        return new ClrTypeMapping(_enums[named], true);
    }

    /// <summary>A C# enum whose members are the labels in their order: a label that is no C# identifier (<c>PG-13</c>) keeps it with <c>[PgName]</c>.</summary>
    private string WriteEnum(CatalogUserType type)
    {
        var members = new StringBuilder();
        var taken = new HashSet<string>(StringComparer.Ordinal);
        var renamed = false;
        foreach (var label in type.Labels)
        {
            var name = CSharpNames.IsIdentifier(label) && taken.Add(label) ? label : CSharpNames.Unique(CSharpNames.Pascal(label), taken);
            if (name != label)
            {
                members.AppendLine($"    [PgName({CSharpNames.Literal(label)})]");
                renamed = true;
            }
            members.AppendLine($"    {name},");
        }
        var source = new StringBuilder();
        source.AppendLine("// Written by `aksara inspectdb` from the live database. Review it: the model is now the source of the schema.");
        source.AppendLine();
        source.AppendLine("using Aksara;");
        if (renamed)
            source.AppendLine("using NpgsqlTypes;");
        source.AppendLine();
        source.AppendLine($"namespace {_namespace};");
        source.AppendLine();
        var schema = type.Schema == "public" ? "" : $", Schema = {CSharpNames.Literal(type.Schema)}";
        source.AppendLine($"[PgEnum({CSharpNames.Literal(type.Name)}{schema})]");
        source.AppendLine($"public enum {_enums[type.FormattedName]}");
        source.AppendLine("{");
        source.Append(members);
        source.AppendLine("}");
        return source.ToString();
    }

    private static string TableAttribute(CatalogTable catalog, string className)
    {
        var table = catalog.Name;
        var derived = Naming.Table(className);
        var name = derived == table.Name ? "" : CSharpNames.Literal(table.Name);
        var schema = table.Schema == "public" ? "" : $"Schema = {CSharpNames.Literal(table.Schema)}";
        var partitioning = catalog.PartitionBy is { } partitionBy ? $"PartitionBy = {CSharpNames.Literal(partitionBy)}" : "";
        var arguments = string.Join(", ", new[] { name, schema, partitioning }.Where(argument => argument.Length > 0));
        return arguments.Length == 0 ? "[Table]" : $"[Table({arguments})]";
    }

    private static string? ColumnAttribute(string column, string property, ClrTypeMapping mapping)
    {
        var arguments = new List<string>();
        if (Naming.Column(property) != column)
            arguments.Add(CSharpNames.Literal(column));
        if (mapping.ExplicitType is { } type)
            arguments.Add($"Type = {CSharpNames.Literal(type)}");
        if (mapping.MaxLength > 0)
            arguments.Add($"MaxLength = {mapping.MaxLength.ToString(CultureInfo.InvariantCulture)}");
        if (mapping.Precision > 0)
            arguments.Add($"Precision = {mapping.Precision.ToString(CultureInfo.InvariantCulture)}, Scale = {mapping.Scale.ToString(CultureInfo.InvariantCulture)}");
        return arguments.Count == 0 ? null : $"[Column({string.Join(", ", arguments)})]";
    }

    private static string PrimaryKeyAttribute(string table, PrimaryKeySchema key, string column)
    {
        var arguments = new List<string>();
        var position = key.Columns.ToList().IndexOf(column);
        if (key.Columns.Count > 1)
            arguments.Add($"Order = {(position + 1).ToString(CultureInfo.InvariantCulture)}");
        if (position == 0 && key.Name != ConstraintNames.PrimaryKey(table))
            arguments.Add($"Name = {CSharpNames.Literal(key.Name)}");
        return arguments.Count == 0 ? "[PrimaryKey]" : $"[PrimaryKey({string.Join(", ", arguments)})]";
    }

    private string ForeignKeyAttribute(string table, ForeignKeySchema foreignKey)
    {
        var target = _classes[foreignKey.ReferencedTableName];
        var arguments = new List<string> { $"typeof({target})" };
        if (foreignKey.OnDelete != OnDelete.NoAction)
            arguments.Add($"OnDelete = OnDelete.{foreignKey.OnDelete}");
        if (foreignKey.OnUpdate != OnUpdate.NoAction)
            arguments.Add($"OnUpdate = OnUpdate.{foreignKey.OnUpdate}");
        if (foreignKey.Name != ConstraintNames.ForeignKey(table, foreignKey.Columns[0]))
            arguments.Add($"Name = {CSharpNames.Literal(foreignKey.Name)}");
        return $"[ForeignKey({string.Join(", ", arguments)})]";
    }

    private static string IndexAttribute(string table, IndexSchema index, IReadOnlyDictionary<string, string> properties)
    {
        var arguments = index.Columns.Select(column => $"nameof({properties[column]})").ToList();
        if (index.Expression is { } expression)
            arguments.Add($"Expression = {CSharpNames.Literal(expression)}");
        if (index.Expression is not null || index.Name != ConstraintNames.Index(table, index.Columns, index.Unique))
            arguments.Add($"Name = {CSharpNames.Literal(index.Name)}");
        if (index.Method != IndexMethod.BTree)
            arguments.Add($"Method = IndexMethod.{index.Method}");
        if (index.Unique)
            arguments.Add("Unique = true");
        if (index.Where is { } where)
            arguments.Add($"Where = {CSharpNames.Literal(where)}");
        return $"[Index({string.Join(", ", arguments)})]";
    }

    /// <summary>Why a foreign key cannot be an attribute of one property, or null when it can.</summary>
    private string? ForeignKeyProblem(ForeignKeySchema foreignKey)
    {
        if (foreignKey.Columns.Count > 1)
            return $"has several columns ({string.Join(", ", foreignKey.Columns)}); a model's foreign key is one column";
        if (!_classes.ContainsKey(foreignKey.ReferencedTableName))
            return $"references {foreignKey.ReferencedTableName}, which is not among the inspected tables (add it with --table or --schema)";
        var target = Tables.First(table => table.Name == foreignKey.ReferencedTableName).ToTableSchema().PrimaryKey;
        if (target is null || !target.Columns.SequenceEqual(foreignKey.ReferencedColumns, StringComparer.Ordinal))
            return $"references {string.Join(", ", foreignKey.ReferencedColumns)} of {foreignKey.ReferencedTableName}, not its primary key";
        return null;
    }

    private static void NoteIdentity(CatalogColumn column, bool isLoneKey, ClrTypeMapping mapping, List<string> notes)
    {
        if (column.IsIdentity && !(isLoneKey && mapping.TypeName is "int" or "long" or "short"))
            notes.Add($"column {column.Name} is an identity column; models number only a lone integer primary key");
        else if (column.Identity == "a")
            notes.Add($"column {column.Name} is GENERATED ALWAYS AS IDENTITY; the model numbers it BY DEFAULT");
    }

    private static bool IsUnnumberedIntegerKey(CatalogColumn column, bool isLoneKey, ClrTypeMapping mapping) =>
        isLoneKey && mapping.TypeName is "int" or "long" or "short" && !column.IsIdentity && column.Default is null;

    private static void NoteWhatTheModelLeavesOut(CatalogTable table, IReadOnlyList<UnmodelledObject> unmodelled, List<string> notes)
    {
        foreach (var constraint in table.Constraints.Where(constraint => constraint.Model is null))
            notes.Add($"{constraint.Type.ToString().ToLowerInvariant()} constraint {constraint.Name}: {constraint.Definition}");
        foreach (var constraint in table.Constraints.Where(constraint => constraint.Type == CatalogConstraintType.ForeignKey && !constraint.HasDefaultForeignKeyOptions))
            notes.Add($"foreign key {constraint.Name} has options a model does not declare: {constraint.Definition}");
        foreach (var index in table.Indexes.Where(index => index.Model is null && !index.BacksConstraint))
            notes.Add($"index {index.Name}: {index.DisplayDefinition}");
        // A table's partitioning is its model's [Table(PartitionBy = …)]; its partitions are not models.
        foreach (var item in unmodelled.Where(item => item.Kind != "partitioning" && item.Table == table.Name))
            notes.Add($"{item.Kind} {item.Name} ({item.Detail})");
    }

    /// <summary>
    /// <c>((price &gt;= 0))</c> → <c>(price &gt;= 0)</c>: the server prints a check's expression inside parentheses of its own,
    /// and the model's <c>CHECK (…)</c> adds them back.
    /// </summary>
    private static string WithoutOuterParentheses(string expression)
    {
        if (expression.Length < 2 || expression[0] != '(' || expression[^1] != ')')
            return expression;
        var depth = 0;
        for (var i = 0; i < expression.Length - 1; i++)
        {
            depth += expression[i] switch { '(' => 1, ')' => -1, _ => 0 };
            if (depth == 0)
                return expression; // "(a) AND (b)": the first parenthesis closes before the end.
        }
        return expression[1..^1];
    }
}
