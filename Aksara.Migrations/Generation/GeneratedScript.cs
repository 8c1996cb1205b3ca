namespace Aksara.Migrations.Generation;

/// <summary>One script of a generated migration: its name, the step it carries, and the text of its up and down.</summary>
internal sealed record GeneratedScript(string Name, MigrationStep Step, string Up, string Down);
