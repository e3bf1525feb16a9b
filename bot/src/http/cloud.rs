//! Where a request goes: the national cloud and the API version.

use std::fmt;
use std::str::FromStr;

/// A national cloud deployment of Microsoft Graph, each with its own host.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Cloud {
    /// The global service: `https://graph.microsoft.com`.
    #[default]
    Global,
    /// Microsoft Graph for US Government L4: `https://graph.microsoft.us`.
    UsGov,
    /// Microsoft Graph for US Government L5 (DOD): `https://dod-graph.microsoft.us`.
    UsGovDod,
    /// Microsoft Graph China operated by 21Vianet: `https://microsoftgraph.chinacloudapi.cn`.
    China,
}

impl Cloud {
    /// Every cloud.
    pub const ALL: [Cloud; 4] = [Cloud::Global, Cloud::UsGov, Cloud::UsGovDod, Cloud::China];

    /// The root of the service, without a trailing slash.
    pub fn base_url(self) -> &'static str {
        match self {
            Cloud::Global => "https://graph.microsoft.com",
            Cloud::UsGov => "https://graph.microsoft.us",
            Cloud::UsGovDod => "https://dod-graph.microsoft.us",
            Cloud::China => "https://microsoftgraph.chinacloudapi.cn",
        }
    }

    /// The cloud's name on the CLI: `global`, `usgov`, `usgov-dod`, `china`.
    pub fn as_str(self) -> &'static str {
        match self {
            Cloud::Global => "global",
            Cloud::UsGov => "usgov",
            Cloud::UsGovDod => "usgov-dod",
            Cloud::China => "china",
        }
    }
}

impl fmt::Display for Cloud {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for Cloud {
    type Err = graph_comms::UnknownName;

    /// Reads a cloud by its CLI name (`global`, `usgov`, `usgov-dod`, `china`).
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        graph_comms::UnknownName::find(&Cloud::ALL, s, "cloud", Cloud::as_str)
    }
}

/// The version of the Graph API.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum ApiVersion {
    /// `v1.0`, the generally available API.
    #[default]
    V1,
    /// `beta`, the preview API.
    Beta,
}

impl ApiVersion {
    /// The version's path segment: `v1.0` or `beta`.
    pub fn as_str(self) -> &'static str {
        match self {
            ApiVersion::V1 => "v1.0",
            ApiVersion::Beta => "beta",
        }
    }
}

impl fmt::Display for ApiVersion {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for ApiVersion {
    type Err = graph_comms::UnknownName;

    /// Reads `v1.0` or `beta`.
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s {
            "v1.0" => Ok(ApiVersion::V1),
            "beta" => Ok(ApiVersion::Beta),
            _ => Err(graph_comms::UnknownName::new("API version", s)),
        }
    }
}
