using Appliance.Storage.Customers;

namespace Appliance.Storage.Web;

/// <summary>The customer table the admin API edits and the IVR's lookup node reads.</summary>
public sealed partial class WebStore
{
    public CustomerDirectory Customers => new(_database);
}
