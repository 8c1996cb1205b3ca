namespace Aksara;

/// <summary>
/// Tells <c>aksara makemigrations</c> that this table or column used to be called <see cref="OldName"/>,
/// so it writes a rename (keeping the data) instead of a drop and an add.
/// </summary>
[AttributeUsage(AttributeTargets.Property | AttributeTargets.Class)]
public sealed class RenamedFromAttribute(string oldName) : Attribute
{
    public string OldName { get; } = oldName;
}
