namespace GreenFreight.Jt808;

/// <summary>JT/T 808 message IDs this library knows by name. Any other 16-bit value is carried as is.</summary>
public enum Jt808MessageId : ushort
{
    /// <summary>0x0001 terminal general reply.</summary>
    TerminalGeneralReply = 0x0001,
    /// <summary>0x0002 terminal heartbeat (empty body).</summary>
    Heartbeat = 0x0002,
    /// <summary>0x0003 terminal deregistration (empty body).</summary>
    Deregistration = 0x0003,
    /// <summary>0x0004 server time request (2019, empty body).</summary>
    ServerTimeRequest = 0x0004,
    /// <summary>0x0100 terminal registration.</summary>
    Registration = 0x0100,
    /// <summary>0x0102 terminal authentication.</summary>
    Authentication = 0x0102,
    /// <summary>0x0104 query terminal parameters reply.</summary>
    QueryParametersReply = 0x0104,
    /// <summary>0x0200 location report.</summary>
    LocationReport = 0x0200,
    /// <summary>0x0201 location query reply (reply serial + a 0x0200 body).</summary>
    LocationQueryReply = 0x0201,
    /// <summary>0x0704 batch location upload.</summary>
    LocationBatch = 0x0704,
    /// <summary>0x8001 platform general reply.</summary>
    PlatformGeneralReply = 0x8001,
    /// <summary>0x8003 subpackage retransmission request.</summary>
    SubpackageRetransmitRequest = 0x8003,
    /// <summary>0x8004 server time reply (2019).</summary>
    ServerTimeReply = 0x8004,
    /// <summary>0x8100 registration reply.</summary>
    RegistrationReply = 0x8100,
    /// <summary>0x8201 location query (empty body).</summary>
    QueryLocation = 0x8201,
    /// <summary>0x8600 set circular areas.</summary>
    SetCircleAreas = 0x8600,
    /// <summary>0x8601 delete circular areas.</summary>
    DeleteCircleAreas = 0x8601,
    /// <summary>0x8602 set rectangular areas.</summary>
    SetRectangleAreas = 0x8602,
    /// <summary>0x8603 delete rectangular areas.</summary>
    DeleteRectangleAreas = 0x8603,
    /// <summary>0x8604 set a polygonal area.</summary>
    SetPolygonArea = 0x8604,
    /// <summary>0x8605 delete polygonal areas.</summary>
    DeletePolygonAreas = 0x8605,
    /// <summary>0x8606 set a route.</summary>
    SetRoute = 0x8606,
    /// <summary>0x8607 delete routes.</summary>
    DeleteRoutes = 0x8607,
}
