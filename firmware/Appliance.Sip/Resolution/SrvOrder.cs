namespace Appliance.Sip.Resolution;

/// <summary>
/// The order in which to try SRV records (RFC 2782, "Usage rules"): lowest priority first and,
/// within one priority, a weighted random draw, so a record of weight 90 is tried first about nine
/// times in ten beside one of weight 10 and the load spreads over a cluster's servers.
/// </summary>
internal static class SrvOrder
{
    /// <summary>The records in the order to try; <paramref name="records"/> is not changed.</summary>
    /// <param name="records">The records of one SRV name.</param>
    /// <param name="priority">A record's priority (lower is tried first).</param>
    /// <param name="weight">A record's weight within its priority.</param>
    /// <param name="random">The draw; not thread safe, so the caller holds it alone.</param>
    public static List<T> Arrange<T>(
        IReadOnlyList<T> records,
        Func<T, ushort> priority,
        Func<T, ushort> weight,
        Random random)
    {
        var ordered = new List<T>(records.Count);
        foreach (var group in records.GroupBy(priority).OrderBy(g => g.Key))
        {
            // RFC 2782: the unordered records "in any order" (shuffled, so records of weight 0
            // alone take turns), except that those of weight 0 go first, which keeps them a small
            // chance of being chosen beside heavier ones.
            var left = group.OrderBy(_ => random.Next()).OrderBy(r => weight(r) == 0 ? 0 : 1).ToList();
            while (left.Count > 0)
            {
                var sum = 0;
                foreach (var record in left)
                {
                    sum += weight(record);
                }

                var draw = random.Next(sum + 1);
                var running = 0;
                var chosen = left.Count - 1;
                for (var i = 0; i < left.Count; i++)
                {
                    running += weight(left[i]);
                    if (running >= draw)
                    {
                        chosen = i;
                        break;
                    }
                }

                ordered.Add(left[chosen]);
                left.RemoveAt(chosen);
            }
        }

        return ordered;
    }
}
