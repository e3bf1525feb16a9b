//! The example bot of `graph-comms-bot` (`bot/examples/axum_bot.rs`), served in
//! this process: what `graph-comms simulate --bot builtin` holds to account. It is
//! the same source file the example runs, so what passes here passes there.
//!
//! ```no_run
//! # async fn demo() -> Result<(), Box<dyn std::error::Error + Send + Sync>> {
//! use graph_comms_sim::builtin::BuiltinBot;
//! use graph_comms_sim::{Scenario, Settings, Simulator};
//!
//! let bot = BuiltinBot::bind("127.0.0.1:0".parse()?).await?;
//! let app_id = "3d913abb-aec0-4964-8fa6-3c6850c4f278";
//! let sim = Simulator::start("127.0.0.1:0".parse()?, Settings::new(bot.callback_url(), app_id)).await?;
//! let _serving = bot.serve(sim.base_url(), app_id, None).await?;
//! let report = sim.run(&Scenario::builtin("dtmf").unwrap()).await;
//! assert!(report.passed());
//! # Ok(())
//! # }
//! ```

use std::net::SocketAddr;
use std::time::Duration;

#[path = "../../bot/examples/axum_bot/server.rs"]
mod server;

type Failure = Box<dyn std::error::Error + Send + Sync>;

/// A deliberate protocol fault of the built-in bot's, to show what the simulator
/// finds: a faulty variant of a correct bot.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum Misbehaviour {
    /// Acknowledges a callback with a bad token (`202` where `401` is due):
    /// `forged_token_accepted`.
    AcceptForged,
    /// Answers a legacy callback `202`, not `204`: `legacy_not_204`.
    LegacyAccepted,
    /// Acknowledges each callback only after this long: `callback_slow`.
    SlowAck(Duration),
    /// Sends its requests without an access token: `missing_authorization`.
    NoAccessToken,
}

/// The built-in bot, bound to its address but not serving yet: the simulator
/// needs its callback URL, and it needs the simulator's.
#[derive(Debug)]
pub struct BuiltinBot {
    listener: tokio::net::TcpListener,
    callback_url: String,
}

/// The built-in bot, serving until dropped.
#[derive(Debug)]
pub struct Serving {
    task: tokio::task::JoinHandle<()>,
    callback_url: String,
}

impl BuiltinBot {
    /// Binds `listen` (port `0` for any).
    ///
    /// # Errors
    ///
    /// When the address cannot be bound.
    pub async fn bind(listen: SocketAddr) -> std::io::Result<BuiltinBot> {
        let listener = tokio::net::TcpListener::bind(listen).await?;
        let callback_url = format!("http://{}/callback", listener.local_addr()?);
        Ok(BuiltinBot {
            listener,
            callback_url,
        })
    }

    /// The URL its callbacks go to: `http://ADDR/callback`.
    pub fn callback_url(&self) -> &str {
        &self.callback_url
    }

    /// Serves, with Graph at `graph_base` (its OpenID configuration at
    /// `<graph_base>/.well-known/openid-configuration`) and the application id
    /// `app_id`, faultlessly or with a [`Misbehaviour`]. It logs nothing.
    ///
    /// # Errors
    ///
    /// When the OpenID configuration or its key set cannot be fetched.
    pub async fn serve(
        self,
        graph_base: &str,
        app_id: &str,
        misbehaviour: Option<Misbehaviour>,
    ) -> Result<Serving, Failure> {
        let base = graph_base.trim_end_matches('/');
        let router = server::app(server::Options {
            graph_base: base.to_owned(),
            openid_configuration: format!("{base}/.well-known/openid-configuration"),
            app_id: app_id.to_owned(),
            callback_url: self.callback_url.clone(),
            access_token: (misbehaviour != Some(Misbehaviour::NoAccessToken))
                .then(|| "any-token-the-simulator-accepts".to_owned()),
            log: false,
        })
        .await?;
        let router = match misbehaviour {
            Some(fault @ (Misbehaviour::AcceptForged | Misbehaviour::LegacyAccepted)) => {
                let wrong = match fault {
                    Misbehaviour::AcceptForged => http::StatusCode::UNAUTHORIZED,
                    _ => http::StatusCode::NO_CONTENT,
                };
                router.layer(axum::middleware::map_response(
                    move |mut response: axum::response::Response| async move {
                        if response.status() == wrong {
                            *response.status_mut() = http::StatusCode::ACCEPTED;
                        }
                        response
                    },
                ))
            }
            Some(Misbehaviour::SlowAck(delay)) => router.layer(axum::middleware::map_response(
                move |response: axum::response::Response| async move {
                    tokio::time::sleep(delay).await;
                    response
                },
            )),
            _ => router,
        };
        let listener = self.listener;
        let task = tokio::spawn(async move {
            let _ = axum::serve(listener, router).await;
        });
        Ok(Serving {
            task,
            callback_url: self.callback_url,
        })
    }
}

impl Serving {
    /// The URL its callbacks go to.
    pub fn callback_url(&self) -> &str {
        &self.callback_url
    }
}

impl Drop for Serving {
    fn drop(&mut self) {
        self.task.abort();
    }
}
