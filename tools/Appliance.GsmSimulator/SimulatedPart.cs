namespace Appliance.GsmSimulator;

/// <summary>One PDU the simulated network delivers: its hex as the module prints it after +CMT
/// (service centre field first) and the TPDU's length in octets, which +CMT and +CMGR give
/// without the service centre field (3GPP TS 27.005 §3.4.1).</summary>
public readonly record struct SimulatedPart(string Hex, int TpduLength);
