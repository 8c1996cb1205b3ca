namespace Aksara.Migrations.Diffing;

/// <summary>The models changed in a way that cannot be written safely; nothing was written. Each reason says how to proceed.</summary>
internal sealed class MigrationRefusedException(IReadOnlyList<MigrationRefusal> refusals)
    : AksaraException("No migration was written:" + Environment.NewLine + string.Join(Environment.NewLine, refusals.Select(refusal => "  - " + refusal.Message.ReplaceLineEndings(Environment.NewLine + "    "))))
{
    public IReadOnlyList<MigrationRefusal> Refusals { get; } = refusals;

    public IReadOnlyList<string> Reasons => Refusals.Select(refusal => refusal.Message).ToList();
}
