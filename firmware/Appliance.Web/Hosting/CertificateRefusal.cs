namespace Appliance.Web.Hosting;

/// <summary>Why an uploaded certificate was refused: the form field at fault (<c>certificate</c>,
/// <c>key</c> or <c>password</c>) and a sentence for the admin.</summary>
public sealed record CertificateRefusal(string Field, string Message);
