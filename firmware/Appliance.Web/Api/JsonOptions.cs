using System.Text.Json;

namespace Appliance.Web.Api;

/// <summary>The JSON shapes the web writes outside minimal-API results.</summary>
internal static class JsonOptions
{
    public static readonly JsonSerializerOptions Indented = new(JsonSerializerDefaults.Web) { WriteIndented = true };

    public static readonly JsonSerializerOptions Compact = new(JsonSerializerDefaults.Web);
}
