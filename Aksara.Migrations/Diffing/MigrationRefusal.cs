namespace Aksara.Migrations.Diffing;

/// <summary>
/// One reason a change was not written: a stable <paramref name="Code"/> for machines (<c>destructive_change</c>,
/// <c>table_rewrite</c>, …, see the constants) and a <paramref name="Message"/> that says how to proceed.
/// </summary>
internal sealed record MigrationRefusal(string Code, string Message)
{
    public const string DestructiveChange = "destructive_change";
    public const string TableRewrite = "table_rewrite";
    public const string NotNullWithoutDefault = "not_null_without_default";
    public const string RenameUnconfirmed = "rename_unconfirmed";
    public const string PartitioningChange = "partitioning_change";
    public const string EnumLabelsChange = "enum_labels_change";
}
