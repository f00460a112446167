namespace Appliance.Web.Flows;

/// <summary>One stored flow: its name, the version the box runs and the JSON text the admin wrote.</summary>
public sealed record FlowText(string Name, int Version, string Json);
