using Appliance.CallCenter.Prompts;

namespace Appliance.CallCenter.Routing;

/// <summary>
/// The sentences a waiting caller hears about its place in line, as prompt names: "You are
/// number three in line. Your expected wait is about two minutes." (您排在第三位。您预计等待大约两分钟。)
/// The pieces are cut so the same names make the sentence in either prompt set: the number stands
/// between <c>queue-position</c> and <c>queue-place</c> (which carries Chinese's measure word 位),
/// and a wait's minutes are a quantity (<see cref="NumberPrompts.Count"/>). A position past 20 is
/// not said, a wait under a minute is said as "less than a minute", and a wait past 20 minutes or
/// unknown is not said.
/// </summary>
public static class WaitAnnouncement
{
    /// <summary>The highest number a prompt exists for.</summary>
    public const int LargestNumber = NumberPrompts.Largest;

    /// <summary>Every prompt an announcement can use, for loading before the first call.</summary>
    public static IReadOnlyList<string> PromptNames { get; } =
    [
        "queue-position",
        "queue-place",
        "queue-wait",
        "queue-minute",
        "queue-minutes",
        "queue-wait-short",
        .. NumberPrompts.All,
    ];

    /// <summary>The prompts for <paramref name="position"/> (1 = next) and an expected wait.</summary>
    public static IReadOnlyList<string> Prompts(int position, TimeSpan? expectedWait)
    {
        var prompts = new List<string>(6);
        if (position is >= 1 and <= LargestNumber)
        {
            prompts.Add("queue-position");
            prompts.Add(NumberPrompts.Rank(position));
            prompts.Add("queue-place");
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
                prompts.Add(NumberPrompts.Count(minutes));
                prompts.Add(minutes == 1 ? "queue-minute" : "queue-minutes");
            }
        }

        return prompts;
    }
}
