namespace Aksara.Migrations.Introspection;

/// <summary>
/// The drift part of <c>migrate --check</c>: the <see cref="Report"/>, or, when the live database cannot be compared with
/// the snapshot yet, why not (<see cref="SkippedBecause"/>).
/// </summary>
internal sealed record DriftOutcome(DriftReport? Report, string? SkippedBecause)
{
    public bool HasDrift => Report?.HasDrift == true;
}
