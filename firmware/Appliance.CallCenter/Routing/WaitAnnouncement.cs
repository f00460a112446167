namespace Appliance.CallCenter.Routing;

/// <summary>
/// The sentences a waiting caller hears about its place in line, as prompt names: "You are
/// caller number three. Your expected wait is about two minutes." Numbers are single prompts
/// <c>number-1</c> to <c>number-20</c>; a position past 20 is not said, a wait under a minute is
/// said as "less than a minute", and a wait past 20 minutes or unknown is not said.
/// </summary>
public static class WaitAnnouncement
{
    /// <summary>The highest number a prompt exists for.</summary>
    public const int LargestNumber = 20;

    /// <summary>Every prompt an announcement can use, for loading before the first call.</summary>
    public static IReadOnlyList<string> PromptNames { get; } =
    [
        "queue-position",
        "queue-wait",
        "queue-minutes",
        "queue-wait-short",
        .. Enumerable.Range(1, LargestNumber).Select(Number),
    ];

    /// <summary>The prompts for <paramref name="position"/> (1 = next) and an expected wait.</summary>
    public static IReadOnlyList<string> Prompts(int position, TimeSpan? expectedWait)
    {
        var prompts = new List<string>(5);
        if (position is >= 1 and <= LargestNumber)
        {
            prompts.Add("queue-position");
            prompts.Add(Number(position));
        }

        if (expectedWait is { } wait)
        {
            // Round up: a caller told two minutes who waits two and a half feels misled.
            var minutes = (int)Math.Ceiling(wait.TotalMinutes);
            if (wait < TimeSpan.FromMinutes(1))
            {
                prompts.Add("queue-wait-short");
            }
            else if (minutes <= LargestNumber)
            {
                prompts.Add("queue-wait");
                prompts.Add(Number(minutes));
                prompts.Add("queue-minutes");
            }
        }

        return prompts;
    }

    private static string Number(int value) =>
        string.Create(System.Globalization.CultureInfo.InvariantCulture, $"number-{value}");
}
