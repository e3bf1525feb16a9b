//! A complete calling bot on axum: one `Bot` behind a mutex.
//!
//! It answers incoming calls (service-hosted media), plays a welcome prompt once a
//! call is established, subscribes to tones and plays a prompt per DTMF digit,
//! mutes participants who join unmuted, hangs up on `#`, keeps long calls alive
//! (the `Bot`'s timers) and logs every explained result on stderr.
//!
//! ```text
//! cargo run -p graph-comms-bot --example axum_bot -- \
//!     --listen 127.0.0.1:8080 --graph-base http://127.0.0.1:9000 \
//!     --openid-configuration http://127.0.0.1:9000/.well-known/openid-configuration \
//!     --app-id 3d913abb-aec0-4964-8fa6-3c6850c4f278 --callback-url http://127.0.0.1:8080/callback
//! ```
//!
//! It prints `listening on ADDR` on stdout once ready. It fetches the OpenID
//! configuration and its key set at start, and again when the bot asks
//! (`Event::KeysStale`). Each callback is answered before the requests it leads
//! to go out: they are queued to a sender task. This example speaks plain HTTP (a
//! test double, the simulator); a bot that talks to Graph itself adds a TLS
//! connector to the client. `--access-token` (or `GRAPH_ACCESS_TOKEN`) is sent as
//! `Authorization: Bearer` with each request (`graph_comms_bot::http::authorize`).

use std::net::SocketAddr;

use clap::Parser;

// The bot itself, in a file of its own: the simulator runs the same file in its
// process (`graph-comms simulate --bot builtin`).
#[path = "axum_bot/server.rs"]
mod server;

/// A calling bot on axum, held by graph-comms-bot's `Bot`.
#[derive(Debug, Parser)]
struct Args {
    /// The address to listen on for Graph's callbacks.
    #[arg(long)]
    listen: SocketAddr,
    /// Where Graph is (the simulator, a test double): requests go to `<URL>/v1.0/…`.
    #[arg(long, value_name = "URL")]
    graph_base: String,
    /// The OpenID configuration whose key set signs the callbacks.
    #[arg(long, value_name = "URL")]
    openid_configuration: String,
    /// The bot's application id.
    #[arg(long, value_name = "ID")]
    app_id: String,
    /// The URL Graph posts callbacks to; its path is the one served.
    #[arg(long, value_name = "URL")]
    callback_url: String,
    /// The access token sent as `Authorization: Bearer` with each request (the
    /// simulator accepts any; Graph wants one from the identity platform).
    #[arg(long, value_name = "TOKEN", env = "GRAPH_ACCESS_TOKEN")]
    access_token: Option<String>,
}

#[tokio::main]
async fn main() -> Result<(), server::Failure> {
    let args = Args::parse();
    let app = server::app(server::Options {
        graph_base: args.graph_base,
        openid_configuration: args.openid_configuration,
        app_id: args.app_id,
        callback_url: args.callback_url,
        access_token: args.access_token,
        log: true,
    })
    .await?;
    let listener = tokio::net::TcpListener::bind(args.listen).await?;
    println!("listening on {}", listener.local_addr()?);
    axum::serve(listener, app).await?;
    Ok(())
}
