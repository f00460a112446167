namespace Appliance.CallCenter.Tests.Ivr.Flows;

/// <summary>Builds small flow documents for the tests: a start id and its nodes as JSON objects.</summary>
internal static class FlowJson
{
    public static string Document(string start, params string[] nodes) =>
        Document("test", 1, start, [], nodes);

    public static string Document(string name, int version, string start, string[] holidays, params string[] nodes) =>
        $$"""
        { "name": "{{name}}", "version": {{version}}, "start": "{{start}}",
          "holidays": [{{string.Join(",", holidays.Select(h => $"\"{h}\""))}}],
          "nodes": [{{string.Join(",", nodes)}}] }
        """;

    public const string HangUp = """{ "id": "bye", "type": "hangup" }""";
}
