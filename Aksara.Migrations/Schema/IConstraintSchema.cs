namespace Aksara.Migrations.Schema;

/// <summary>A named object that belongs to a table: a constraint or an index.</summary>
internal interface IConstraintSchema
{
    string Name { get; }

    /// <summary>True when <paramref name="other"/> has the same definition, whatever its name.</summary>
    bool Matches(IConstraintSchema other);
}
