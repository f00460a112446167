namespace Appliance.Board.Panel;

/// <summary>One trunk as the panel shows it.</summary>
/// <param name="Name">Short name, such as <c>span1</c>, <c>fxo3</c> or <c>gsm1</c>.</param>
/// <param name="Kind">What it is: span, port, module or sip.</param>
/// <param name="InAlarm">True while the trunk is down or in a red/yellow alarm.</param>
/// <param name="Detail">A few words of state, such as <c>up 30/30</c> or <c>RED alarm</c>.</param>
public sealed record TrunkStatus(string Name, string Kind, bool InAlarm, string Detail);
