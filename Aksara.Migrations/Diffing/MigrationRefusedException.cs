namespace Aksara.Migrations.Diffing;

/// <summary>The models changed in a way that cannot be written safely; nothing was written. Each reason says how to proceed.</summary>
internal sealed class MigrationRefusedException(IReadOnlyList<string> reasons)
    : AksaraException("No migration was written:" + Environment.NewLine + string.Join(Environment.NewLine, reasons.Select(reason => "  - " + reason.ReplaceLineEndings(Environment.NewLine + "    "))))
{
    public IReadOnlyList<string> Reasons { get; } = reasons;
}
