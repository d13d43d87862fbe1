namespace Mailflow.LambdaBench;

/// <summary>Median, minimum and maximum of the runs, and the median init duration.</summary>
public sealed record ColdStartFigures(TimeSpan Median, TimeSpan Min, TimeSpan Max, TimeSpan InitMedian)
{
    public static ColdStartFigures Of(IReadOnlyList<TimeSpan> starts, IReadOnlyList<TimeSpan> inits)
    {
        var sorted = starts.Order().ToList();
        return new ColdStartFigures(sorted[sorted.Count / 2], sorted[0], sorted[^1], inits.Order().ElementAt(inits.Count / 2));
    }
}
