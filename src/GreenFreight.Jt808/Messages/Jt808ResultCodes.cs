namespace GreenFreight.Jt808;

/// <summary>Result of a terminal general reply (0x0001).</summary>
public enum Jt808TerminalResult : byte
{
    /// <summary>0 success / confirmation.</summary>
    Success = 0,
    /// <summary>1 failure.</summary>
    Failure = 1,
    /// <summary>2 message error.</summary>
    MessageError = 2,
    /// <summary>3 not supported.</summary>
    Unsupported = 3,
}

/// <summary>Result of a platform general reply (0x8001).</summary>
public enum Jt808PlatformResult : byte
{
    /// <summary>0 success / confirmation.</summary>
    Success = 0,
    /// <summary>1 failure.</summary>
    Failure = 1,
    /// <summary>2 message error.</summary>
    MessageError = 2,
    /// <summary>3 not supported.</summary>
    Unsupported = 3,
    /// <summary>4 alarm handling confirmed.</summary>
    AlarmConfirmed = 4,
}

/// <summary>Result of a registration reply (0x8100).</summary>
public enum Jt808RegistrationResult : byte
{
    /// <summary>0 success (an authentication code follows).</summary>
    Success = 0,
    /// <summary>1 the vehicle is already registered.</summary>
    VehicleAlreadyRegistered = 1,
    /// <summary>2 no such vehicle in the database.</summary>
    NoSuchVehicle = 2,
    /// <summary>3 the terminal is already registered.</summary>
    TerminalAlreadyRegistered = 3,
    /// <summary>4 no such terminal in the database.</summary>
    NoSuchTerminal = 4,
}
