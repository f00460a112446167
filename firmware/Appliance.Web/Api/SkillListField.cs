using System.Globalization;

namespace Appliance.Web.Api;

/// <summary>
/// The agent form's skills field, <c>french:5, billing:3</c>: each skill once, each with a level
/// 1-10. Text rather than a list so the page and the API take what an admin types.
/// </summary>
internal static class SkillListField
{
    /// <returns>The skills in the order given; mistakes are added to <paramref name="errors"/>
    /// under <paramref name="field"/>.</returns>
    public static List<(string Skill, int Level)> Parse(FieldErrors errors, string field, string text)
    {
        var skills = new List<(string Skill, int Level)>();
        foreach (var entry in text.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            var colon = entry.IndexOf(':', StringComparison.Ordinal);
            if (colon < 0)
            {
                errors.Add(field, $"'{entry}' has no level; write skill:level, such as {entry}:5");
                continue;
            }

            var skill = entry[..colon].Trim();
            var levelText = entry[(colon + 1)..].Trim();
            var before = errors.Summary;
            Validators.Skill(errors, field, skill);
            if (!int.TryParse(levelText, NumberStyles.None, CultureInfo.InvariantCulture, out var level)
                || level is < 1 or > 10)
            {
                errors.Add(field, $"level '{levelText}' of skill '{skill}' is not a whole number from 1 to 10");
            }
            else if (skills.Any(s => s.Skill == skill))
            {
                errors.Add(field, $"skill '{skill}' is given twice");
            }
            else if (errors.Summary == before)
            {
                skills.Add((skill, level));
            }
        }

        return skills;
    }

    /// <summary>The skills as the field shows them.</summary>
    public static string Format(IEnumerable<(string Skill, int Level)> skills) =>
        string.Join(", ", skills.Select(s => string.Create(CultureInfo.InvariantCulture, $"{s.Skill}:{s.Level}")));
}
