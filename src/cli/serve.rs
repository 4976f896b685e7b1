//! `konzept serve`.

use std::net::{IpAddr, Ipv4Addr, SocketAddr};
use std::path::Path;
use std::process::ExitCode;

use clap::Args;

use crate::config::{Drafts, Links, Overrides};
use crate::diag::SourceMap;
use crate::serve::{ServeOptions, run};

/// Options of `konzept serve`.
#[derive(Debug, Args)]
pub struct ServeArgs {
    /// The port to listen on (0 picks a free one).
    #[arg(long, short, default_value_t = 1111)]
    pub port: u16,
    /// The address to listen on. Only 127.0.0.1 by default; give another
    /// address (e.g. 0.0.0.0) only to show the preview to other machines on
    /// purpose.
    #[arg(long, default_value_t = IpAddr::V4(Ipv4Addr::LOCALHOST))]
    pub bind: IpAddr,
    /// Open the preview in a browser.
    #[arg(long)]
    pub open: bool,
    /// Also show pages marked `draft: true`.
    #[arg(long)]
    pub drafts: bool,
    /// Also answer requests for this host name (repeatable). The preview
    /// answers only requests addressed to an IP address or `localhost`, so
    /// that no other web site can read it through a domain name pointed at
    /// this machine (DNS rebinding); give the name here to open it as, for
    /// example, http://vorschau.intern:1111/.
    #[arg(long, value_name = "NAME")]
    pub allow_host: Vec<String>,
}

impl ServeArgs {
    /// Serves the site in `root` until interrupted.
    pub fn run(&self, root: &Path) -> ExitCode {
        let options = ServeOptions {
            root: root.to_path_buf(),
            addr: SocketAddr::new(self.bind, self.port),
            overrides: Overrides {
                base_url: None,
                drafts: if self.drafts {
                    Drafts::Include
                } else {
                    Drafts::Exclude
                },
                links: Links::RootRelative,
            },
            open: self.open,
            allow_hosts: self.allow_host.clone(),
        };
        match run(&options) {
            Ok(()) => ExitCode::SUCCESS,
            Err(problem) => {
                // A startup problem names no file of the site.
                super::report(&problem.into(), &SourceMap::new());
                ExitCode::from(2)
            }
        }
    }
}
