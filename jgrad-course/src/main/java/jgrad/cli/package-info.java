/**
 * The command-line front door ({@link jgrad.cli.Main}): training and sampling commands.
 *
 * <p>May use: every library package; nothing depends on it.
 */
package jgrad.cli;
